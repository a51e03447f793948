CREATE TABLE `what_if_uses` (
	`id` text PRIMARY KEY NOT NULL,
	`family_id` text NOT NULL,
	`what_if_id` text NOT NULL,
	`used_on` text NOT NULL,
	`how_it_went` text DEFAULT '' NOT NULL,
	`created_by` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`deleted_at` integer,
	FOREIGN KEY (`family_id`) REFERENCES `families`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`what_if_id`) REFERENCES `what_ifs`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `what_if_uses_what_if_idx` ON `what_if_uses` (`what_if_id`,`used_on`);--> statement-breakpoint
CREATE INDEX `what_if_uses_family_idx` ON `what_if_uses` (`family_id`);--> statement-breakpoint
ALTER TABLE `steps` ADD `starts_on` text;--> statement-breakpoint
ALTER TABLE `steps` ADD `ends_on` text;