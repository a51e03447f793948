ALTER TABLE `consent_versions` ADD `selection` text DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE `consents` ADD `selection` text DEFAULT '{}' NOT NULL;