CREATE TABLE `access_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`token_hash` text NOT NULL,
	`professional_user_id` text NOT NULL,
	`role` text DEFAULT '' NOT NULL,
	`purpose` text NOT NULL,
	`scopes` text NOT NULL,
	`ends_at` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`expires_at` integer NOT NULL,
	`answered_at` integer,
	`answered_by` text,
	`answer` text,
	`consent_id` text,
	FOREIGN KEY (`professional_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`answered_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`consent_id`) REFERENCES `consents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `access_requests_token_hash_unique` ON `access_requests` (`token_hash`);--> statement-breakpoint
CREATE INDEX `access_requests_professional_idx` ON `access_requests` (`professional_user_id`);--> statement-breakpoint
ALTER TABLE `consent_versions` ADD `kind` text DEFAULT 'change' NOT NULL;--> statement-breakpoint
ALTER TABLE `consent_versions` ADD `note` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `consent_versions` ADD `answers` integer;