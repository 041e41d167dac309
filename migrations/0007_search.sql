-- Full-text search over the reports' text (搜索 page). Chinese has no spaces between words, so the
-- index is of trigrams: any phrase of three characters or more is found by MATCH; shorter ones are
-- found by a scan (server/queries/search). The index mirrors source_documents.extracted_text and is
-- kept in step by triggers (documents are inserted and deleted, never edited).
CREATE VIRTUAL TABLE `source_text_fts` USING fts5(`extracted_text`, content='source_documents', content_rowid='id', tokenize='trigram');
--> statement-breakpoint
INSERT INTO `source_text_fts`(`source_text_fts`) VALUES ('rebuild');
--> statement-breakpoint
CREATE TRIGGER `source_text_fts_insert` AFTER INSERT ON `source_documents` BEGIN
  INSERT INTO `source_text_fts`(rowid, `extracted_text`) VALUES (new.`id`, new.`extracted_text`);
END;
--> statement-breakpoint
CREATE TRIGGER `source_text_fts_delete` AFTER DELETE ON `source_documents` BEGIN
  INSERT INTO `source_text_fts`(`source_text_fts`, rowid, `extracted_text`) VALUES ('delete', old.`id`, old.`extracted_text`);
END;
