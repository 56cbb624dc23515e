CREATE TABLE "plan_revisions" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"snapshot" jsonb NOT NULL,
	"approval_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_revisions_municipality_id_id_pk" PRIMARY KEY("municipality_id","id")
);
--> statement-breakpoint
DROP INDEX "measures_number_uq";--> statement-breakpoint
ALTER TABLE "action_plans" ADD COLUMN "revision" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "action_plans" ADD COLUMN "return_comment" text;--> statement-breakpoint
ALTER TABLE "action_plans" ADD COLUMN "returned_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "action_plans" ADD COLUMN "returned_by" uuid;--> statement-breakpoint
ALTER TABLE "answer_documents" ADD COLUMN "state" text DEFAULT 'draft' NOT NULL;--> statement-breakpoint
ALTER TABLE "answer_documents" ADD COLUMN "revision" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "answer_documents" ADD COLUMN "return_comment" text;--> statement-breakpoint
ALTER TABLE "answer_documents" ADD COLUMN "approved_on" date;--> statement-breakpoint
ALTER TABLE "answer_documents" ADD COLUMN "approved_by" uuid;--> statement-breakpoint
ALTER TABLE "answer_documents" ADD COLUMN "approved_at_meeting_id" uuid;--> statement-breakpoint
ALTER TABLE "answer_documents" ADD COLUMN "approval_note" text;--> statement-breakpoint
ALTER TABLE "measures" ADD COLUMN "removed_in_revision" integer;--> statement-breakpoint
ALTER TABLE "plan_approvals" ADD COLUMN "revision" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "plan_approvals" ADD COLUMN "override_reason" text;--> statement-breakpoint
ALTER TABLE "plan_revisions" ADD CONSTRAINT "plan_revisions_municipality_id_plan_id_action_plans_municipality_id_id_fk" FOREIGN KEY ("municipality_id","plan_id") REFERENCES "public"."action_plans"("municipality_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_revisions" ADD CONSTRAINT "plan_revisions_municipality_id_approval_id_plan_approvals_municipality_id_id_fk" FOREIGN KEY ("municipality_id","approval_id") REFERENCES "public"."plan_approvals"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "plan_revisions_number_uq" ON "plan_revisions" USING btree ("municipality_id","plan_id","number");--> statement-breakpoint
ALTER TABLE "answer_documents" ADD CONSTRAINT "answer_documents_municipality_id_approved_by_users_municipality_id_id_fk" FOREIGN KEY ("municipality_id","approved_by") REFERENCES "public"."users"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "answer_documents" ADD CONSTRAINT "answer_documents_municipality_id_approved_at_meeting_id_meetings_municipality_id_id_fk" FOREIGN KEY ("municipality_id","approved_at_meeting_id") REFERENCES "public"."meetings"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "measures_number_uq" ON "measures" USING btree ("municipality_id","plan_id","number") WHERE "measures"."removed_in_revision" is null;