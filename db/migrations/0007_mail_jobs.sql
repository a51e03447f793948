CREATE TABLE `sent_mails` (
	`kind` text NOT NULL,
	`about` text NOT NULL,
	`user_id` text NOT NULL,
	`sent_at` integer NOT NULL,
	PRIMARY KEY(`kind`, `about`, `user_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `members` ADD `weekly_summary` integer DEFAULT true NOT NULL;