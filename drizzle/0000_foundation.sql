CREATE TABLE "committees" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "committees_municipality_id_id_pk" PRIMARY KEY("municipality_id","id")
);
--> statement-breakpoint
CREATE TABLE "departments" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"committee_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "departments_municipality_id_id_pk" PRIMARY KEY("municipality_id","id")
);
--> statement-breakpoint
CREATE TABLE "meetings" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"body" text NOT NULL,
	"committee_id" uuid,
	"held_on" date NOT NULL,
	"agenda_item" text,
	"case_number" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meetings_municipality_id_id_pk" PRIMARY KEY("municipality_id","id")
);
--> statement-breakpoint
CREATE TABLE "municipalities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"language" text NOT NULL,
	"vocabulary" text NOT NULL,
	"currency" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "municipalities_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"title" text,
	"department_id" uuid,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_municipality_id_id_pk" PRIMARY KEY("municipality_id","id")
);
--> statement-breakpoint
CREATE TABLE "audit_reports" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"auditor" text NOT NULL,
	"year" integer NOT NULL,
	"kind" text NOT NULL,
	"case_number" text,
	"received_on" date,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	CONSTRAINT "audit_reports_municipality_id_id_pk" PRIMARY KEY("municipality_id","id")
);
--> statement-breakpoint
CREATE TABLE "council_decisions" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"finding_id" uuid NOT NULL,
	"meeting_id" uuid,
	"text" text NOT NULL,
	"committee_comment" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "council_decisions_municipality_id_id_pk" PRIMARY KEY("municipality_id","id")
);
--> statement-breakpoint
CREATE TABLE "finding_departments" (
	"municipality_id" uuid NOT NULL,
	"finding_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	"state" text DEFAULT 'assigned' NOT NULL,
	"state_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"state_note" text,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "finding_departments_municipality_id_finding_id_department_id_pk" PRIMARY KEY("municipality_id","finding_id","department_id")
);
--> statement-breakpoint
CREATE TABLE "findings" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"report_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"title" text NOT NULL,
	"observations" text DEFAULT '' NOT NULL,
	"risks" text,
	"grade" text,
	"confidential" boolean DEFAULT false NOT NULL,
	"confidential_basis" text,
	"all_departments" boolean DEFAULT false NOT NULL,
	"repeat_of_earlier_years" boolean DEFAULT false NOT NULL,
	"previous_finding_id" uuid,
	"case_number" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	CONSTRAINT "findings_municipality_id_id_pk" PRIMARY KEY("municipality_id","id"),
	CONSTRAINT "findings_confidential_basis" CHECK (not "findings"."confidential" or "findings"."confidential_basis" is not null)
);
--> statement-breakpoint
CREATE TABLE "recommendations" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"finding_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"text" text NOT NULL,
	CONSTRAINT "recommendations_municipality_id_id_pk" PRIMARY KEY("municipality_id","id")
);
--> statement-breakpoint
CREATE TABLE "action_plans" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"subject_kind" text NOT NULL,
	"finding_id" uuid,
	"department_id" uuid NOT NULL,
	"cross_cutting" boolean DEFAULT false NOT NULL,
	"problem" text,
	"extent" text,
	"overall_deadline" text,
	"overall_deadline_due" date,
	"state" text DEFAULT 'draft' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	CONSTRAINT "action_plans_municipality_id_id_pk" PRIMARY KEY("municipality_id","id"),
	CONSTRAINT "action_plans_subject" CHECK (("action_plans"."subject_kind" = 'finding') = ("action_plans"."finding_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "answer_documents" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"due_date" date,
	"decision_plan" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"recipients" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"responsible_officials" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"sent_on" date,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "answer_documents_municipality_id_id_pk" PRIMARY KEY("municipality_id","id")
);
--> statement-breakpoint
CREATE TABLE "deadline_revisions" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"measure_id" uuid NOT NULL,
	"deadline" text,
	"deadline_due" date,
	"source" text NOT NULL,
	"status_entry_id" uuid,
	"reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	CONSTRAINT "deadline_revisions_municipality_id_id_pk" PRIMARY KEY("municipality_id","id")
);
--> statement-breakpoint
CREATE TABLE "guidance_acceptances" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"code" text NOT NULL,
	"measure_id" uuid,
	"field" text NOT NULL,
	"reason" text NOT NULL,
	"accepted_by" uuid NOT NULL,
	"accepted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "guidance_acceptances_municipality_id_id_pk" PRIMARY KEY("municipality_id","id")
);
--> statement-breakpoint
CREATE TABLE "measure_recommendations" (
	"municipality_id" uuid NOT NULL,
	"measure_id" uuid NOT NULL,
	"recommendation_id" uuid NOT NULL,
	CONSTRAINT "measure_recommendations_municipality_id_measure_id_recommendation_id_pk" PRIMARY KEY("municipality_id","measure_id","recommendation_id")
);
--> statement-breakpoint
CREATE TABLE "measures" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"number" text NOT NULL,
	"title" text NOT NULL,
	"text" text,
	"responsible_unit" text,
	"responsible_person" text,
	"deadline" text,
	"deadline_due" date,
	"follow_up_point" text,
	"expected_effect" text,
	"carried_from_measure_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	CONSTRAINT "measures_municipality_id_id_pk" PRIMARY KEY("municipality_id","id")
);
--> statement-breakpoint
CREATE TABLE "plan_approvals" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"approved_by" uuid NOT NULL,
	"approved_on" date NOT NULL,
	"meeting_id" uuid,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_approvals_municipality_id_id_pk" PRIMARY KEY("municipality_id","id")
);
--> statement-breakpoint
CREATE TABLE "follow_up_rounds" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"kind" text DEFAULT 'status' NOT NULL,
	"opens_on" date NOT NULL,
	"due_on" date NOT NULL,
	"state" text DEFAULT 'open' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	CONSTRAINT "follow_up_rounds_municipality_id_id_pk" PRIMARY KEY("municipality_id","id"),
	CONSTRAINT "follow_up_rounds_dates" CHECK ("follow_up_rounds"."due_on" >= "follow_up_rounds"."opens_on")
);
--> statement-breakpoint
CREATE TABLE "round_submissions" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"submitted_at" timestamp with time zone,
	"return_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	CONSTRAINT "round_submissions_municipality_id_id_pk" PRIMARY KEY("municipality_id","id")
);
--> statement-breakpoint
CREATE TABLE "status_entries" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"submission_id" uuid NOT NULL,
	"measure_id" uuid NOT NULL,
	"status" text NOT NULL,
	"note" text,
	"reason" text,
	"new_deadline" text,
	"new_deadline_due" date,
	"self_check_result" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	CONSTRAINT "status_entries_municipality_id_id_pk" PRIMARY KEY("municipality_id","id")
);
--> statement-breakpoint
CREATE TABLE "comments" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"finding_id" uuid,
	"plan_id" uuid,
	"measure_id" uuid,
	"body" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	CONSTRAINT "comments_municipality_id_id_pk" PRIMARY KEY("municipality_id","id"),
	CONSTRAINT "comments_one_target" CHECK (("comments"."finding_id" is not null)::int + ("comments"."plan_id" is not null)::int + ("comments"."measure_id" is not null)::int = 1)
);
--> statement-breakpoint
CREATE TABLE "evidence" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"finding_id" uuid,
	"measure_id" uuid,
	"status_entry_id" uuid,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	CONSTRAINT "evidence_municipality_id_id_pk" PRIMARY KEY("municipality_id","id"),
	CONSTRAINT "evidence_one_target" CHECK (("evidence"."finding_id" is not null)::int + ("evidence"."measure_id" is not null)::int + ("evidence"."status_entry_id" is not null)::int = 1)
);
--> statement-breakpoint
CREATE TABLE "change_log" (
	"municipality_id" uuid NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "change_log_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"user_id" uuid,
	"resource" text NOT NULL,
	"resource_id" uuid NOT NULL,
	"action" text NOT NULL,
	"before" jsonb,
	"after" jsonb,
	CONSTRAINT "change_log_municipality_id_seq_pk" PRIMARY KEY("municipality_id","seq")
);
--> statement-breakpoint
ALTER TABLE "committees" ADD CONSTRAINT "committees_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "departments" ADD CONSTRAINT "departments_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "departments" ADD CONSTRAINT "departments_municipality_id_committee_id_committees_municipality_id_id_fk" FOREIGN KEY ("municipality_id","committee_id") REFERENCES "public"."committees"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_municipality_id_committee_id_committees_municipality_id_id_fk" FOREIGN KEY ("municipality_id","committee_id") REFERENCES "public"."committees"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_municipality_id_department_id_departments_municipality_id_id_fk" FOREIGN KEY ("municipality_id","department_id") REFERENCES "public"."departments"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_reports" ADD CONSTRAINT "audit_reports_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_decisions" ADD CONSTRAINT "council_decisions_municipality_id_finding_id_findings_municipality_id_id_fk" FOREIGN KEY ("municipality_id","finding_id") REFERENCES "public"."findings"("municipality_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_decisions" ADD CONSTRAINT "council_decisions_municipality_id_meeting_id_meetings_municipality_id_id_fk" FOREIGN KEY ("municipality_id","meeting_id") REFERENCES "public"."meetings"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finding_departments" ADD CONSTRAINT "finding_departments_municipality_id_finding_id_findings_municipality_id_id_fk" FOREIGN KEY ("municipality_id","finding_id") REFERENCES "public"."findings"("municipality_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finding_departments" ADD CONSTRAINT "finding_departments_municipality_id_department_id_departments_municipality_id_id_fk" FOREIGN KEY ("municipality_id","department_id") REFERENCES "public"."departments"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "findings" ADD CONSTRAINT "findings_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "findings" ADD CONSTRAINT "findings_municipality_id_report_id_audit_reports_municipality_id_id_fk" FOREIGN KEY ("municipality_id","report_id") REFERENCES "public"."audit_reports"("municipality_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "findings" ADD CONSTRAINT "findings_municipality_id_previous_finding_id_findings_municipality_id_id_fk" FOREIGN KEY ("municipality_id","previous_finding_id") REFERENCES "public"."findings"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendations" ADD CONSTRAINT "recommendations_municipality_id_finding_id_findings_municipality_id_id_fk" FOREIGN KEY ("municipality_id","finding_id") REFERENCES "public"."findings"("municipality_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_plans" ADD CONSTRAINT "action_plans_municipality_id_finding_id_findings_municipality_id_id_fk" FOREIGN KEY ("municipality_id","finding_id") REFERENCES "public"."findings"("municipality_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_plans" ADD CONSTRAINT "action_plans_municipality_id_department_id_departments_municipality_id_id_fk" FOREIGN KEY ("municipality_id","department_id") REFERENCES "public"."departments"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "answer_documents" ADD CONSTRAINT "answer_documents_municipality_id_plan_id_action_plans_municipality_id_id_fk" FOREIGN KEY ("municipality_id","plan_id") REFERENCES "public"."action_plans"("municipality_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deadline_revisions" ADD CONSTRAINT "deadline_revisions_municipality_id_measure_id_measures_municipality_id_id_fk" FOREIGN KEY ("municipality_id","measure_id") REFERENCES "public"."measures"("municipality_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guidance_acceptances" ADD CONSTRAINT "guidance_acceptances_municipality_id_plan_id_action_plans_municipality_id_id_fk" FOREIGN KEY ("municipality_id","plan_id") REFERENCES "public"."action_plans"("municipality_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guidance_acceptances" ADD CONSTRAINT "guidance_acceptances_municipality_id_measure_id_measures_municipality_id_id_fk" FOREIGN KEY ("municipality_id","measure_id") REFERENCES "public"."measures"("municipality_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guidance_acceptances" ADD CONSTRAINT "guidance_acceptances_municipality_id_accepted_by_users_municipality_id_id_fk" FOREIGN KEY ("municipality_id","accepted_by") REFERENCES "public"."users"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_recommendations" ADD CONSTRAINT "measure_recommendations_municipality_id_measure_id_measures_municipality_id_id_fk" FOREIGN KEY ("municipality_id","measure_id") REFERENCES "public"."measures"("municipality_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_recommendations" ADD CONSTRAINT "measure_recommendations_municipality_id_recommendation_id_recommendations_municipality_id_id_fk" FOREIGN KEY ("municipality_id","recommendation_id") REFERENCES "public"."recommendations"("municipality_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measures" ADD CONSTRAINT "measures_municipality_id_plan_id_action_plans_municipality_id_id_fk" FOREIGN KEY ("municipality_id","plan_id") REFERENCES "public"."action_plans"("municipality_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measures" ADD CONSTRAINT "measures_municipality_id_carried_from_measure_id_measures_municipality_id_id_fk" FOREIGN KEY ("municipality_id","carried_from_measure_id") REFERENCES "public"."measures"("municipality_id","id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_approvals" ADD CONSTRAINT "plan_approvals_municipality_id_plan_id_action_plans_municipality_id_id_fk" FOREIGN KEY ("municipality_id","plan_id") REFERENCES "public"."action_plans"("municipality_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_approvals" ADD CONSTRAINT "plan_approvals_municipality_id_approved_by_users_municipality_id_id_fk" FOREIGN KEY ("municipality_id","approved_by") REFERENCES "public"."users"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_approvals" ADD CONSTRAINT "plan_approvals_municipality_id_meeting_id_meetings_municipality_id_id_fk" FOREIGN KEY ("municipality_id","meeting_id") REFERENCES "public"."meetings"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_submissions" ADD CONSTRAINT "round_submissions_municipality_id_round_id_follow_up_rounds_municipality_id_id_fk" FOREIGN KEY ("municipality_id","round_id") REFERENCES "public"."follow_up_rounds"("municipality_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_submissions" ADD CONSTRAINT "round_submissions_municipality_id_department_id_departments_municipality_id_id_fk" FOREIGN KEY ("municipality_id","department_id") REFERENCES "public"."departments"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_entries" ADD CONSTRAINT "status_entries_municipality_id_submission_id_round_submissions_municipality_id_id_fk" FOREIGN KEY ("municipality_id","submission_id") REFERENCES "public"."round_submissions"("municipality_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_entries" ADD CONSTRAINT "status_entries_municipality_id_measure_id_measures_municipality_id_id_fk" FOREIGN KEY ("municipality_id","measure_id") REFERENCES "public"."measures"("municipality_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comments" ADD CONSTRAINT "comments_municipality_id_finding_id_findings_municipality_id_id_fk" FOREIGN KEY ("municipality_id","finding_id") REFERENCES "public"."findings"("municipality_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comments" ADD CONSTRAINT "comments_municipality_id_plan_id_action_plans_municipality_id_id_fk" FOREIGN KEY ("municipality_id","plan_id") REFERENCES "public"."action_plans"("municipality_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comments" ADD CONSTRAINT "comments_municipality_id_measure_id_measures_municipality_id_id_fk" FOREIGN KEY ("municipality_id","measure_id") REFERENCES "public"."measures"("municipality_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_municipality_id_finding_id_findings_municipality_id_id_fk" FOREIGN KEY ("municipality_id","finding_id") REFERENCES "public"."findings"("municipality_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_municipality_id_measure_id_measures_municipality_id_id_fk" FOREIGN KEY ("municipality_id","measure_id") REFERENCES "public"."measures"("municipality_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_municipality_id_status_entry_id_status_entries_municipality_id_id_fk" FOREIGN KEY ("municipality_id","status_entry_id") REFERENCES "public"."status_entries"("municipality_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "committees_code_uq" ON "committees" USING btree ("municipality_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "departments_code_uq" ON "departments" USING btree ("municipality_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "users_id_uq" ON "users" USING btree ("id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_uq" ON "users" USING btree ("municipality_id",lower("email"));--> statement-breakpoint
CREATE UNIQUE INDEX "council_decisions_finding_uq" ON "council_decisions" USING btree ("municipality_id","finding_id");--> statement-breakpoint
CREATE UNIQUE INDEX "findings_number_uq" ON "findings" USING btree ("municipality_id","report_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "recommendations_number_uq" ON "recommendations" USING btree ("municipality_id","finding_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "action_plans_finding_department_uq" ON "action_plans" USING btree ("municipality_id","finding_id","department_id");--> statement-breakpoint
CREATE UNIQUE INDEX "answer_documents_kind_uq" ON "answer_documents" USING btree ("municipality_id","plan_id","kind");--> statement-breakpoint
CREATE INDEX "deadline_revisions_measure_idx" ON "deadline_revisions" USING btree ("municipality_id","measure_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "guidance_acceptances_uq" ON "guidance_acceptances" USING btree ("municipality_id","plan_id","code",coalesce("measure_id", '00000000-0000-0000-0000-000000000000'::uuid),"field");--> statement-breakpoint
CREATE UNIQUE INDEX "measures_number_uq" ON "measures" USING btree ("municipality_id","plan_id","number");--> statement-breakpoint
CREATE INDEX "measures_plan_idx" ON "measures" USING btree ("municipality_id","plan_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "follow_up_rounds_name_uq" ON "follow_up_rounds" USING btree ("municipality_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "round_submissions_uq" ON "round_submissions" USING btree ("municipality_id","round_id","department_id");--> statement-breakpoint
CREATE UNIQUE INDEX "status_entries_uq" ON "status_entries" USING btree ("municipality_id","submission_id","measure_id");--> statement-breakpoint
CREATE INDEX "status_entries_measure_idx" ON "status_entries" USING btree ("municipality_id","measure_id");--> statement-breakpoint
CREATE INDEX "comments_finding_idx" ON "comments" USING btree ("municipality_id","finding_id");--> statement-breakpoint
CREATE INDEX "comments_plan_idx" ON "comments" USING btree ("municipality_id","plan_id");--> statement-breakpoint
CREATE INDEX "comments_measure_idx" ON "comments" USING btree ("municipality_id","measure_id");--> statement-breakpoint
CREATE INDEX "evidence_finding_idx" ON "evidence" USING btree ("municipality_id","finding_id");--> statement-breakpoint
CREATE INDEX "evidence_measure_idx" ON "evidence" USING btree ("municipality_id","measure_id");--> statement-breakpoint
CREATE INDEX "evidence_status_entry_idx" ON "evidence" USING btree ("municipality_id","status_entry_id");--> statement-breakpoint
CREATE INDEX "change_log_resource_idx" ON "change_log" USING btree ("municipality_id","resource_id");