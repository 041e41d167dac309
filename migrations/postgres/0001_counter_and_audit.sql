-- the change counter's one row (server/db/write.ts bumps it in every write transaction)
INSERT INTO "data_changes" ("id", "n") VALUES (1, 0);--> statement-breakpoint
-- the audit log is append-only, as SQLite's triggers make it (migrations/0003_security.sql)
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END;
$$;--> statement-breakpoint
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON "audit_log" FOR EACH ROW EXECUTE PROCEDURE audit_log_append_only();
