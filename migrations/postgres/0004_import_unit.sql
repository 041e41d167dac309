ALTER TABLE "import_jobs" ADD COLUMN "organization_id" integer;--> statement-breakpoint
ALTER TABLE "import_jobs" ADD COLUMN "organization_name" text;