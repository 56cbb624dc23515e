CREATE TABLE "round_schedules" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"kind" text DEFAULT 'status' NOT NULL,
	"opens_on" text[] NOT NULL,
	"due_after_days" integer DEFAULT 28 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"last_opened_on" date,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	CONSTRAINT "round_schedules_municipality_id_id_pk" PRIMARY KEY("municipality_id","id"),
	CONSTRAINT "round_schedules_due" CHECK ("round_schedules"."due_after_days" between 1 and 365)
);
--> statement-breakpoint
CREATE TABLE "mail_messages" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"user_id" uuid,
	"to_address" text NOT NULL,
	"subject" text NOT NULL,
	"notification_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"state" text NOT NULL,
	"attempts" integer DEFAULT 1 NOT NULL,
	"error" text,
	"message_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mail_messages_municipality_id_id_pk" PRIMARY KEY("municipality_id","id")
);
--> statement-breakpoint
CREATE TABLE "mail_settings" (
	"municipality_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"digest" text DEFAULT 'daily' NOT NULL,
	"last_digest_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mail_settings_municipality_id_user_id_pk" PRIMARY KEY("municipality_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "notification_preferences" (
	"municipality_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"delivery" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notification_preferences_municipality_id_user_id_kind_pk" PRIMARY KEY("municipality_id","user_id","kind")
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid,
	"recipient" text NOT NULL,
	"email" text,
	"kind" text NOT NULL,
	"link" text NOT NULL,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"finding_id" uuid,
	"due_on" date,
	"dedupe_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone,
	"mail_state" text DEFAULT 'pending' NOT NULL,
	"mail_attempts" integer DEFAULT 0 NOT NULL,
	"mailed_at" timestamp with time zone,
	CONSTRAINT "notifications_municipality_id_id_pk" PRIMARY KEY("municipality_id","id"),
	CONSTRAINT "notifications_recipient" CHECK ("notifications"."user_id" is not null or "notifications"."email" is not null)
);
--> statement-breakpoint
CREATE TABLE "reminder_settings" (
	"municipality_id" uuid PRIMARY KEY NOT NULL,
	"days_before" integer DEFAULT 7 NOT NULL,
	"overdue_every_days" integer DEFAULT 7 NOT NULL,
	"escalate_after_days" integer DEFAULT 14 NOT NULL,
	"escalation_chain" text[] DEFAULT '{departmentCoordinator,departmentHead,centralCoordinator}'::text[] NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reminder_settings_days" CHECK ("reminder_settings"."days_before" between 0 and 90 and "reminder_settings"."overdue_every_days" between 1 and 90 and "reminder_settings"."escalate_after_days" between 1 and 365)
);
--> statement-breakpoint
CREATE TABLE "calendar_feeds" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"scope" text NOT NULL,
	"department_id" uuid,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "calendar_feeds_municipality_id_id_pk" PRIMARY KEY("municipality_id","id")
);
--> statement-breakpoint
ALTER TABLE "departments" ADD COLUMN "head_name" text;--> statement-breakpoint
ALTER TABLE "departments" ADD COLUMN "head_email" text;--> statement-breakpoint
ALTER TABLE "departments" ADD COLUMN "head_user_id" uuid;--> statement-breakpoint
ALTER TABLE "mail_settings" ADD CONSTRAINT "mail_settings_municipality_id_user_id_users_municipality_id_id_fk" FOREIGN KEY ("municipality_id","user_id") REFERENCES "public"."users"("municipality_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_preferences" ADD CONSTRAINT "notification_preferences_municipality_id_user_id_users_municipality_id_id_fk" FOREIGN KEY ("municipality_id","user_id") REFERENCES "public"."users"("municipality_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_municipality_id_user_id_users_municipality_id_id_fk" FOREIGN KEY ("municipality_id","user_id") REFERENCES "public"."users"("municipality_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reminder_settings" ADD CONSTRAINT "reminder_settings_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_municipality_id_user_id_users_municipality_id_id_fk" FOREIGN KEY ("municipality_id","user_id") REFERENCES "public"."users"("municipality_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_municipality_id_department_id_departments_municipality_id_id_fk" FOREIGN KEY ("municipality_id","department_id") REFERENCES "public"."departments"("municipality_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "round_schedules_name_uq" ON "round_schedules" USING btree ("municipality_id","name");--> statement-breakpoint
CREATE INDEX "mail_messages_recent_idx" ON "mail_messages" USING btree ("municipality_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_once_uq" ON "notifications" USING btree ("municipality_id","recipient","dedupe_key");--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("municipality_id","user_id","created_at");--> statement-breakpoint
CREATE INDEX "notifications_finding_idx" ON "notifications" USING btree ("municipality_id","finding_id");--> statement-breakpoint
CREATE INDEX "notifications_mail_idx" ON "notifications" USING btree ("mail_state","created_at") WHERE "notifications"."mail_state" in ('pending', 'digest');--> statement-breakpoint
CREATE UNIQUE INDEX "calendar_feeds_token_uq" ON "calendar_feeds" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "calendar_feeds_user_idx" ON "calendar_feeds" USING btree ("municipality_id","user_id");