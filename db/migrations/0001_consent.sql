CREATE TABLE `access_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`family_id` text NOT NULL,
	`seq` integer NOT NULL,
	`at` integer NOT NULL,
	`actor_user_id` text NOT NULL,
	`consent_id` text NOT NULL,
	`consent_version` integer NOT NULL,
	`section` text NOT NULL,
	`record_ids` text NOT NULL,
	`action` text NOT NULL,
	`channel` text NOT NULL,
	`ip` text NOT NULL,
	`user_agent` text NOT NULL,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL,
	FOREIGN KEY (`family_id`) REFERENCES `families`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`consent_id`) REFERENCES `consents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `access_log_family_seq_uq` ON `access_log` (`family_id`,`seq`);--> statement-breakpoint
CREATE INDEX `access_log_family_at_idx` ON `access_log` (`family_id`,`at`);--> statement-breakpoint
CREATE INDEX `access_log_consent_idx` ON `access_log` (`consent_id`);--> statement-breakpoint
CREATE TABLE `api_tokens` (
	`id` text PRIMARY KEY NOT NULL,
	`consent_id` text NOT NULL,
	`user_id` text NOT NULL,
	`token_hash` text NOT NULL,
	`label` text DEFAULT '' NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`last_used_at` integer,
	`revoked_at` integer,
	FOREIGN KEY (`consent_id`) REFERENCES `consents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_tokens_token_hash_unique` ON `api_tokens` (`token_hash`);--> statement-breakpoint
CREATE INDEX `api_tokens_consent_idx` ON `api_tokens` (`consent_id`);--> statement-breakpoint
CREATE TABLE `consent_invitations` (
	`id` text PRIMARY KEY NOT NULL,
	`consent_id` text NOT NULL,
	`token_hash` text NOT NULL,
	`expires_at` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`claimed_at` integer,
	`claimed_by` text,
	FOREIGN KEY (`consent_id`) REFERENCES `consents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`claimed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `consent_invitations_token_hash_unique` ON `consent_invitations` (`token_hash`);--> statement-breakpoint
CREATE INDEX `consent_invitations_consent_idx` ON `consent_invitations` (`consent_id`);--> statement-breakpoint
CREATE TABLE `consent_versions` (
	`consent_id` text NOT NULL,
	`version` integer NOT NULL,
	`scopes` text NOT NULL,
	`ends_at` integer NOT NULL,
	`changed_by` text NOT NULL,
	`changed_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`consent_id`, `version`),
	FOREIGN KEY (`consent_id`) REFERENCES `consents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`changed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `consents` (
	`id` text PRIMARY KEY NOT NULL,
	`family_id` text NOT NULL,
	`professional_user_id` text,
	`name` text NOT NULL,
	`organisation` text DEFAULT '' NOT NULL,
	`role` text DEFAULT '' NOT NULL,
	`purpose` text NOT NULL,
	`email` text DEFAULT '' NOT NULL,
	`scopes` text NOT NULL,
	`ends_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`claimed_at` integer,
	`revoked_at` integer,
	`revoked_by` text,
	FOREIGN KEY (`family_id`) REFERENCES `families`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`professional_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`revoked_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "consents_status_ck" CHECK("consents"."status" in ('pending','active','revoked'))
);
--> statement-breakpoint
CREATE INDEX `consents_family_idx` ON `consents` (`family_id`);--> statement-breakpoint
CREATE INDEX `consents_professional_idx` ON `consents` (`professional_user_id`,`family_id`);--> statement-breakpoint
CREATE TRIGGER `access_log_no_update` BEFORE UPDATE ON `access_log` BEGIN SELECT RAISE(ABORT, 'access_log is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `access_log_no_delete` BEFORE DELETE ON `access_log` BEGIN SELECT RAISE(ABORT, 'access_log is append-only'); END;
