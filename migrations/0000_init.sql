CREATE TABLE `corrections` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`report_id` integer NOT NULL,
	`field` text NOT NULL,
	`old_value` real,
	`new_value` real,
	`reason` text NOT NULL,
	`corrected_by` text NOT NULL,
	`corrected_at` text NOT NULL,
	FOREIGN KEY (`report_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `corrections_report_idx` ON `corrections` (`report_id`);--> statement-breakpoint
CREATE TABLE `findings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`report_id` integer NOT NULL,
	`code` text NOT NULL,
	`severity` text NOT NULL,
	`field` text,
	`message` text NOT NULL,
	FOREIGN KEY (`report_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `findings_report_idx` ON `findings` (`report_id`);--> statement-breakpoint
CREATE INDEX `findings_code_idx` ON `findings` (`code`);--> statement-breakpoint
CREATE TABLE `organization_aliases` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organization_id` integer NOT NULL,
	`alias` text NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `organization_aliases_org_alias_idx` ON `organization_aliases` (`organization_id`,`alias`);--> statement-breakpoint
CREATE INDEX `organization_aliases_alias_idx` ON `organization_aliases` (`alias`);--> statement-breakpoint
CREATE TABLE `organizations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`full_name` text,
	`kind` text NOT NULL,
	`county` text,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `organizations_county_idx` ON `organizations` (`county`);--> statement-breakpoint
CREATE INDEX `organizations_name_idx` ON `organizations` (`name`);--> statement-breakpoint
CREATE TABLE `proactive_categories` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`report_id` integer NOT NULL,
	`position` integer NOT NULL,
	`label` text NOT NULL,
	`category` text NOT NULL,
	`count` integer,
	FOREIGN KEY (`report_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `proactive_categories_report_idx` ON `proactive_categories` (`report_id`);--> statement-breakpoint
CREATE INDEX `proactive_categories_category_idx` ON `proactive_categories` (`category`);--> statement-breakpoint
CREATE TABLE `reports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organization_id` integer NOT NULL,
	`source_document_id` integer NOT NULL,
	`year` integer NOT NULL,
	`template` text,
	`published_on` text,
	`proactive_total` integer,
	`proactive_approx` integer,
	`is_current` integer NOT NULL,
	`superseded_at` text,
	`superseded_by_id` integer,
	`parsed` text NOT NULL,
	`error_count` integer NOT NULL,
	`warning_count` integer NOT NULL,
	`imported_at` text NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`source_document_id`) REFERENCES `source_documents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reports_current_org_year_idx` ON `reports` (`organization_id`,`year`) WHERE "reports"."is_current" = 1;--> statement-breakpoint
CREATE INDEX `reports_year_current_idx` ON `reports` (`year`,`is_current`);--> statement-breakpoint
CREATE INDEX `reports_org_idx` ON `reports` (`organization_id`,`year`);--> statement-breakpoint
CREATE INDEX `reports_source_idx` ON `reports` (`source_document_id`);--> statement-breakpoint
CREATE TABLE `source_documents` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`sha256` text NOT NULL,
	`file_name` text NOT NULL,
	`media_type` text NOT NULL,
	`format` text NOT NULL,
	`size` integer NOT NULL,
	`bytes` blob NOT NULL,
	`extracted_text` text NOT NULL,
	`imported_at` text NOT NULL,
	`imported_by` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `source_documents_sha256_idx` ON `source_documents` (`sha256`);--> statement-breakpoint
CREATE TABLE `table_figures` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`report_id` integer NOT NULL,
	`table_name` text NOT NULL,
	`row_key` text NOT NULL,
	`column_key` text NOT NULL,
	`value` real,
	`corrected_value` real,
	`source_start` integer,
	`source_end` integer,
	`source_line` integer,
	FOREIGN KEY (`report_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `table_figures_cell_idx` ON `table_figures` (`report_id`,`row_key`,`column_key`);