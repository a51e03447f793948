ALTER TABLE `families` ADD `waakvlam_at` integer;--> statement-breakpoint
ALTER TABLE `families` ADD `last_coach_consent_id` text;--> statement-breakpoint
ALTER TABLE `families` ADD `checkin_mail` integer DEFAULT false NOT NULL;