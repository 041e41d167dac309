CREATE TABLE `figure_checks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`report_id` integer NOT NULL,
	`field` text NOT NULL,
	`action` text NOT NULL,
	`value` real,
	`checked_by` text NOT NULL,
	`checked_at` text NOT NULL,
	FOREIGN KEY (`report_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `figure_checks_report_idx` ON `figure_checks` (`report_id`,`field`);