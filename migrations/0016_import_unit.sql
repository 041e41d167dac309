ALTER TABLE `import_jobs` ADD `organization_id` integer;--> statement-breakpoint
ALTER TABLE `import_jobs` ADD `organization_name` text;