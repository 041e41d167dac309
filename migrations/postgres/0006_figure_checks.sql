CREATE TABLE "figure_checks" (
	"id" serial PRIMARY KEY NOT NULL,
	"report_id" integer NOT NULL,
	"field" text NOT NULL,
	"action" text NOT NULL,
	"value" double precision,
	"checked_by" text NOT NULL,
	"checked_at" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "figure_checks" ADD CONSTRAINT "figure_checks_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "figure_checks_report_idx" ON "figure_checks" USING btree ("report_id","field");