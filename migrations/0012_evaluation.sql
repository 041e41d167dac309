CREATE TABLE `evaluation_rubrics` (
	`year` integer PRIMARY KEY NOT NULL,
	`rubric` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `report_deadlines` (
	`year` integer PRIMARY KEY NOT NULL,
	`deadline` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `roster_entries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`county` text NOT NULL,
	`year` integer NOT NULL,
	`organization_id` integer NOT NULL,
	`added_at` text NOT NULL,
	`added_by` text NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `roster_entries_unit_idx` ON `roster_entries` (`county`,`year`,`organization_id`);