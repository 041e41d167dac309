CREATE TABLE `collect_pages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`source_id` integer NOT NULL,
	`url` text NOT NULL,
	`kind` text NOT NULL,
	`state` text NOT NULL,
	`title` text,
	`published_on` text,
	`published_from` text,
	`status` text,
	`report_id` integer,
	`reason` text,
	`found_at` text NOT NULL,
	`fetched_at` text,
	FOREIGN KEY (`source_id`) REFERENCES `collect_sources`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `collect_pages_url_idx` ON `collect_pages` (`url`);--> statement-breakpoint
CREATE INDEX `collect_pages_state_idx` ON `collect_pages` (`source_id`,`state`);--> statement-breakpoint
CREATE TABLE `collect_sources` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`url` text NOT NULL,
	`added_at` text NOT NULL,
	`added_by` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `collect_sources_url_idx` ON `collect_sources` (`url`);--> statement-breakpoint
ALTER TABLE `source_documents` ADD `url` text;