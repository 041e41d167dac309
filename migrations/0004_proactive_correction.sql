ALTER TABLE `reports` ADD `proactive_total_corrected` integer;--> statement-breakpoint
-- one correction model: a corrected proactive total used to overwrite proactive_total; move it to
-- proactive_total_corrected and put the parsed value back from the report's JSON
UPDATE `reports` SET `proactive_total_corrected` = `proactive_total`, `proactive_total` = json_extract(`parsed`, '$.proactive.total')
WHERE `id` IN (SELECT `report_id` FROM `corrections` WHERE `field` = 'proactive.total');
