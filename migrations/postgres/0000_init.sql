CREATE TABLE "audit_log" (
	"id" serial PRIMARY KEY NOT NULL,
	"at" text NOT NULL,
	"actor" text,
	"ip" text,
	"action" text NOT NULL,
	"target" text,
	"detail" text
);
--> statement-breakpoint
CREATE TABLE "collect_pages" (
	"id" serial PRIMARY KEY NOT NULL,
	"source_id" integer NOT NULL,
	"url" text NOT NULL,
	"kind" text NOT NULL,
	"state" text NOT NULL,
	"title" text,
	"published_on" text,
	"published_from" text,
	"status" text,
	"report_id" integer,
	"reason" text,
	"found_at" text NOT NULL,
	"fetched_at" text,
	"etag" text,
	"last_modified" text,
	"sha256" text
);
--> statement-breakpoint
CREATE TABLE "collect_schedule" (
	"id" integer PRIMARY KEY NOT NULL,
	"enabled" integer DEFAULT 0 NOT NULL,
	"from_day" text DEFAULT '01-01' NOT NULL,
	"to_day" text DEFAULT '03-31' NOT NULL,
	"hour" integer DEFAULT 2 NOT NULL,
	"last_run_on" text,
	"updated_at" text,
	"updated_by" text
);
--> statement-breakpoint
CREATE TABLE "collect_sources" (
	"id" serial PRIMARY KEY NOT NULL,
	"url" text NOT NULL,
	"added_at" text NOT NULL,
	"added_by" text NOT NULL,
	"last_run_at" text,
	"last_summary" text
);
--> statement-breakpoint
CREATE TABLE "corrections" (
	"id" serial PRIMARY KEY NOT NULL,
	"report_id" integer NOT NULL,
	"field" text NOT NULL,
	"old_value" double precision,
	"new_value" double precision,
	"reason" text NOT NULL,
	"corrected_by" text NOT NULL,
	"corrected_at" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "counties" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"created_at" text NOT NULL,
	"created_by" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "data_changes" (
	"id" integer PRIMARY KEY NOT NULL,
	"n" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evaluation_rubrics" (
	"year" integer PRIMARY KEY NOT NULL,
	"rubric" text NOT NULL,
	"updated_at" text NOT NULL,
	"updated_by" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "findings" (
	"id" serial PRIMARY KEY NOT NULL,
	"report_id" integer NOT NULL,
	"code" text NOT NULL,
	"severity" text NOT NULL,
	"field" text,
	"message" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "import_jobs" (
	"id" serial PRIMARY KEY NOT NULL,
	"file_name" text NOT NULL,
	"size" integer NOT NULL,
	"bytes" "bytea",
	"county" text,
	"imported_by" text NOT NULL,
	"ip" text,
	"state" text NOT NULL,
	"confirmed" integer DEFAULT 0 NOT NULL,
	"result" text,
	"created_at" text NOT NULL,
	"finished_at" text
);
--> statement-breakpoint
CREATE TABLE "login_failures" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"ip" text NOT NULL,
	"at" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "organization_aliases" (
	"id" serial PRIMARY KEY NOT NULL,
	"organization_id" integer NOT NULL,
	"alias" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "organizations" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"full_name" text,
	"kind" text NOT NULL,
	"county" text,
	"created_at" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "proactive_categories" (
	"id" serial PRIMARY KEY NOT NULL,
	"report_id" integer NOT NULL,
	"position" integer NOT NULL,
	"label" text NOT NULL,
	"category" text NOT NULL,
	"count" integer,
	"corrected_count" integer
);
--> statement-breakpoint
CREATE TABLE "report_deadlines" (
	"year" integer PRIMARY KEY NOT NULL,
	"deadline" text NOT NULL,
	"updated_at" text NOT NULL,
	"updated_by" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reports" (
	"id" serial PRIMARY KEY NOT NULL,
	"organization_id" integer NOT NULL,
	"source_document_id" integer NOT NULL,
	"year" integer NOT NULL,
	"template" text,
	"published_on" text,
	"proactive_total" integer,
	"proactive_total_corrected" integer,
	"proactive_approx" integer,
	"is_current" integer NOT NULL,
	"superseded_at" text,
	"superseded_by_id" integer,
	"parsed" text NOT NULL,
	"error_count" integer NOT NULL,
	"warning_count" integer NOT NULL,
	"imported_at" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "roster_entries" (
	"id" serial PRIMARY KEY NOT NULL,
	"county" text NOT NULL,
	"year" integer NOT NULL,
	"organization_id" integer NOT NULL,
	"added_at" text NOT NULL,
	"added_by" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" serial PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	"user_id" integer NOT NULL,
	"csrf_token" text NOT NULL,
	"created_at" text NOT NULL,
	"expires_at" text NOT NULL,
	"last_seen_at" text
);
--> statement-breakpoint
CREATE TABLE "source_documents" (
	"id" serial PRIMARY KEY NOT NULL,
	"sha256" text NOT NULL,
	"file_name" text NOT NULL,
	"media_type" text NOT NULL,
	"format" text NOT NULL,
	"size" integer NOT NULL,
	"bytes" "bytea" NOT NULL,
	"extracted_text" text NOT NULL,
	"imported_at" text NOT NULL,
	"imported_by" text NOT NULL,
	"url" text
);
--> statement-breakpoint
CREATE TABLE "table_figures" (
	"id" serial PRIMARY KEY NOT NULL,
	"report_id" integer NOT NULL,
	"table_name" text NOT NULL,
	"row_key" text NOT NULL,
	"column_key" text NOT NULL,
	"value" double precision,
	"corrected_value" double precision,
	"source_start" integer,
	"source_end" integer,
	"source_line" integer
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"password_hash" text NOT NULL,
	"role" text NOT NULL,
	"created_at" text NOT NULL,
	"locked_at" text
);
--> statement-breakpoint
ALTER TABLE "collect_pages" ADD CONSTRAINT "collect_pages_source_id_collect_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."collect_sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "corrections" ADD CONSTRAINT "corrections_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "findings" ADD CONSTRAINT "findings_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization_aliases" ADD CONSTRAINT "organization_aliases_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proactive_categories" ADD CONSTRAINT "proactive_categories_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_source_document_id_source_documents_id_fk" FOREIGN KEY ("source_document_id") REFERENCES "public"."source_documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roster_entries" ADD CONSTRAINT "roster_entries_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "table_figures" ADD CONSTRAINT "table_figures_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "audit_log_action_idx" ON "audit_log" USING btree ("action","at");--> statement-breakpoint
CREATE UNIQUE INDEX "collect_pages_url_idx" ON "collect_pages" USING btree ("url");--> statement-breakpoint
CREATE INDEX "collect_pages_state_idx" ON "collect_pages" USING btree ("source_id","state");--> statement-breakpoint
CREATE UNIQUE INDEX "collect_sources_url_idx" ON "collect_sources" USING btree ("url");--> statement-breakpoint
CREATE INDEX "corrections_report_idx" ON "corrections" USING btree ("report_id");--> statement-breakpoint
CREATE UNIQUE INDEX "counties_name_idx" ON "counties" USING btree ("name");--> statement-breakpoint
CREATE INDEX "findings_report_idx" ON "findings" USING btree ("report_id");--> statement-breakpoint
CREATE INDEX "findings_code_idx" ON "findings" USING btree ("code");--> statement-breakpoint
CREATE INDEX "import_jobs_state_idx" ON "import_jobs" USING btree ("state");--> statement-breakpoint
CREATE INDEX "import_jobs_user_idx" ON "import_jobs" USING btree ("imported_by","id");--> statement-breakpoint
CREATE INDEX "login_failures_name_idx" ON "login_failures" USING btree ("name","at");--> statement-breakpoint
CREATE INDEX "login_failures_ip_idx" ON "login_failures" USING btree ("ip","at");--> statement-breakpoint
CREATE UNIQUE INDEX "organization_aliases_org_alias_idx" ON "organization_aliases" USING btree ("organization_id","alias");--> statement-breakpoint
CREATE INDEX "organization_aliases_alias_idx" ON "organization_aliases" USING btree ("alias");--> statement-breakpoint
CREATE INDEX "organizations_county_idx" ON "organizations" USING btree ("county");--> statement-breakpoint
CREATE INDEX "organizations_name_idx" ON "organizations" USING btree ("name");--> statement-breakpoint
CREATE INDEX "proactive_categories_report_idx" ON "proactive_categories" USING btree ("report_id");--> statement-breakpoint
CREATE INDEX "proactive_categories_category_idx" ON "proactive_categories" USING btree ("category");--> statement-breakpoint
CREATE UNIQUE INDEX "reports_current_org_year_idx" ON "reports" USING btree ("organization_id","year") WHERE "is_current" = 1;--> statement-breakpoint
CREATE INDEX "reports_year_current_idx" ON "reports" USING btree ("year","is_current");--> statement-breakpoint
CREATE INDEX "reports_org_idx" ON "reports" USING btree ("organization_id","year");--> statement-breakpoint
CREATE INDEX "reports_source_idx" ON "reports" USING btree ("source_document_id");--> statement-breakpoint
CREATE UNIQUE INDEX "roster_entries_unit_idx" ON "roster_entries" USING btree ("county","year","organization_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sessions_token_idx" ON "sessions" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "source_documents_sha256_idx" ON "source_documents" USING btree ("sha256");--> statement-breakpoint
CREATE UNIQUE INDEX "table_figures_cell_idx" ON "table_figures" USING btree ("report_id","row_key","column_key");--> statement-breakpoint
CREATE UNIQUE INDEX "users_name_idx" ON "users" USING btree ("name");