CREATE TABLE `data_changes` (
	`id` integer PRIMARY KEY NOT NULL,
	`n` integer NOT NULL
);
--> statement-breakpoint
INSERT INTO `data_changes` (`id`, `n`) VALUES (1, 0);
