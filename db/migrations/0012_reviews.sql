CREATE TABLE `review_goals` (
	`review_id` text NOT NULL,
	`goal_id` text NOT NULL,
	`how_it_went` text DEFAULT '' NOT NULL,
	`next` text NOT NULL,
	PRIMARY KEY(`review_id`, `goal_id`),
	FOREIGN KEY (`review_id`) REFERENCES `reviews`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`goal_id`) REFERENCES `goals`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `reviews` (
	`id` text PRIMARY KEY NOT NULL,
	`family_id` text NOT NULL,
	`held_on` text NOT NULL,
	`present` text DEFAULT '' NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`next_on` text NOT NULL,
	`created_by` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`deleted_at` integer,
	FOREIGN KEY (`family_id`) REFERENCES `families`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `reviews_family_idx` ON `reviews` (`family_id`,`held_on`);