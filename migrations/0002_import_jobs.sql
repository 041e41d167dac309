CREATE TABLE `import_jobs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`file_name` text NOT NULL,
	`size` integer NOT NULL,
	`bytes` blob,
	`county` text,
	`imported_by` text NOT NULL,
	`state` text NOT NULL,
	`result` text,
	`created_at` text NOT NULL,
	`finished_at` text
);
--> statement-breakpoint
CREATE INDEX `import_jobs_state_idx` ON `import_jobs` (`state`);--> statement-breakpoint
CREATE INDEX `import_jobs_user_idx` ON `import_jobs` (`imported_by`,`id`);