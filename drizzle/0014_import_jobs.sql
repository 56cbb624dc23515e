CREATE TABLE "balance_import_jobs" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"state" text DEFAULT 'queued' NOT NULL,
	"file_name" text NOT NULL,
	"amount_format" text NOT NULL,
	"rows_total" integer NOT NULL,
	"rows_done" integer DEFAULT 0 NOT NULL,
	"report" jsonb,
	"error" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	CONSTRAINT "balance_import_jobs_municipality_id_id_pk" PRIMARY KEY("municipality_id","id"),
	CONSTRAINT "balance_import_jobs_rows" CHECK ("balance_import_jobs"."rows_done" >= 0 and "balance_import_jobs"."rows_done" <= "balance_import_jobs"."rows_total")
);
--> statement-breakpoint
CREATE INDEX "balance_import_jobs_state_idx" ON "balance_import_jobs" USING btree ("state");