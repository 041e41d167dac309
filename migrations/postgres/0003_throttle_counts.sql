CREATE TABLE "request_counts" (
	"id" serial PRIMARY KEY NOT NULL,
	"window" text NOT NULL,
	"ip" text NOT NULL,
	"kind" text NOT NULL,
	"n" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "login_failures" ADD COLUMN "settled" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "request_counts_window_ip_kind_idx" ON "request_counts" USING btree ("window","ip","kind");