ALTER TABLE "municipalities" ADD COLUMN "time_zone" text DEFAULT 'Europe/Copenhagen' NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "language" text;--> statement-breakpoint
ALTER TABLE "finding_departments" ADD COLUMN "plan_requested_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "finding_departments" ADD COLUMN "plan_requested_by" uuid;--> statement-breakpoint
ALTER TABLE "finding_departments" ADD COLUMN "plan_due_on" date;--> statement-breakpoint
ALTER TABLE "finding_departments" ADD COLUMN "plan_request_note" text;--> statement-breakpoint
UPDATE "municipalities" SET "time_zone" = 'Europe/Stockholm' WHERE "vocabulary" = 'SE';