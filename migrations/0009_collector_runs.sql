ALTER TABLE `collect_sources` ADD `last_run_at` text;--> statement-breakpoint
ALTER TABLE `collect_sources` ADD `last_summary` text;