ALTER TABLE `collect_pages` ADD `etag` text;--> statement-breakpoint
ALTER TABLE `collect_pages` ADD `last_modified` text;--> statement-breakpoint
ALTER TABLE `collect_pages` ADD `sha256` text;