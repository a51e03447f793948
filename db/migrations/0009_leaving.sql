ALTER TABLE `families` ADD `deleting_at` integer;--> statement-breakpoint
ALTER TABLE `families` ADD `deleting_by` text REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `families` ADD `plan_removed_at` integer;--> statement-breakpoint
ALTER TABLE `families` ADD `log_removed_at` integer;--> statement-breakpoint
ALTER TABLE `users` ADD `deleting_at` integer;--> statement-breakpoint
ALTER TABLE `users` ADD `deleted_at` integer;--> statement-breakpoint
DROP TRIGGER `access_log_no_delete`;--> statement-breakpoint
-- The log stays append-only, except for the retention job removing the log of a
-- family that was deleted (ADR 013).
CREATE TRIGGER `access_log_no_delete` BEFORE DELETE ON `access_log` WHEN (SELECT `deleting_at` FROM `families` WHERE `id` = OLD.`family_id`) IS NULL BEGIN SELECT RAISE(ABORT, 'access_log is append-only'); END;
