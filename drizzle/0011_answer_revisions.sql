CREATE TABLE "answer_revisions" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"answer_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"snapshot" jsonb NOT NULL,
	"approved_on" date,
	"approved_by" uuid,
	"approved_at_meeting_id" uuid,
	"approval_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "answer_revisions_municipality_id_id_pk" PRIMARY KEY("municipality_id","id")
);
--> statement-breakpoint
ALTER TABLE "answer_revisions" ADD CONSTRAINT "answer_revisions_municipality_id_answer_id_answer_documents_municipality_id_id_fk" FOREIGN KEY ("municipality_id","answer_id") REFERENCES "public"."answer_documents"("municipality_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "answer_revisions" ADD CONSTRAINT "answer_revisions_municipality_id_approved_by_users_municipality_id_id_fk" FOREIGN KEY ("municipality_id","approved_by") REFERENCES "public"."users"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "answer_revisions" ADD CONSTRAINT "answer_revisions_municipality_id_approved_at_meeting_id_meetings_municipality_id_id_fk" FOREIGN KEY ("municipality_id","approved_at_meeting_id") REFERENCES "public"."meetings"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "answer_revisions_number_uq" ON "answer_revisions" USING btree ("municipality_id","answer_id","number");--> statement-breakpoint
-- Answers approved before revisions were kept: their row is the approved revision, kept now.
INSERT INTO "answer_revisions" ("municipality_id", "answer_id", "number", "snapshot", "approved_on", "approved_by", "approved_at_meeting_id", "approval_note")
SELECT a."municipality_id", a."id", a."revision",
  jsonb_build_object('dueDate', a."due_date", 'decisionPlan', a."decision_plan", 'recipients', a."recipients", 'responsibleOfficials', a."responsible_officials", 'sentOn', a."sent_on"),
  a."approved_on", a."approved_by", a."approved_at_meeting_id", a."approval_note"
FROM "answer_documents" a
WHERE a."state" = 'approved';
