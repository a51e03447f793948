CREATE TABLE `strengths` (
	`id` text PRIMARY KEY NOT NULL,
	`family_id` text NOT NULL,
	`kind` text NOT NULL,
	`member_id` text,
	`text` text NOT NULL,
	`created_by` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`deleted_at` integer,
	FOREIGN KEY (`family_id`) REFERENCES `families`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `strengths_family_idx` ON `strengths` (`family_id`,`created_at`);--> statement-breakpoint
ALTER TABLE `families` ADD `coach_consent_id` text;--> statement-breakpoint
ALTER TABLE `families` ADD `second_coach_consent_id` text;--> statement-breakpoint
ALTER TABLE `families` ADD `team_page` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `steps` ADD `who_consent_id` text REFERENCES consents(id);--> statement-breakpoint
CREATE INDEX `steps_who_consent_idx` ON `steps` (`who_consent_id`);