CREATE TABLE `collect_schedule` (
	`id` integer PRIMARY KEY NOT NULL,
	`enabled` integer DEFAULT false NOT NULL,
	`from_day` text DEFAULT '01-01' NOT NULL,
	`to_day` text DEFAULT '03-31' NOT NULL,
	`hour` integer DEFAULT 2 NOT NULL,
	`last_run_on` text,
	`updated_at` text,
	`updated_by` text
);
