CREATE TABLE "account_reconciliations" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"period" text NOT NULL,
	"ledger_balance_ore" bigint NOT NULL,
	"category" integer NOT NULL,
	"sub_reason" text NOT NULL,
	"items" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"follow_up_ore" bigint DEFAULT 0 NOT NULL,
	"older_than_one_year_ore" bigint DEFAULT 0 NOT NULL,
	"gross_ore" bigint DEFAULT 0 NOT NULL,
	"consequence" text,
	"note" text,
	"status" text DEFAULT 'open' NOT NULL,
	"prepared_by" uuid,
	"prepared_at" timestamp with time zone,
	"approved_by" uuid,
	"approved_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	CONSTRAINT "account_reconciliations_municipality_id_id_pk" PRIMARY KEY("municipality_id","id"),
	CONSTRAINT "account_reconciliations_period" CHECK ("account_reconciliations"."period" ~ '^[0-9]{4}-(0[1-9]|1[0-3])$'),
	CONSTRAINT "account_reconciliations_category" CHECK ("account_reconciliations"."category" between 1 and 3),
	CONSTRAINT "account_reconciliations_segregation" CHECK ("account_reconciliations"."approved_by" is null or "account_reconciliations"."approved_by" is distinct from "account_reconciliations"."prepared_by")
);
--> statement-breakpoint
CREATE TABLE "balance_accounts" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"name" text NOT NULL,
	"im_function_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	"reconciler" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	CONSTRAINT "balance_accounts_municipality_id_id_pk" PRIMARY KEY("municipality_id","id"),
	CONSTRAINT "balance_accounts_number" CHECK ("balance_accounts"."number" ~ '^[0-9]{8}$')
);
--> statement-breakpoint
CREATE TABLE "balance_settings" (
	"municipality_id" uuid NOT NULL,
	"materiality_threshold_ore" bigint DEFAULT 100000 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "balance_settings_municipality_id_pk" PRIMARY KEY("municipality_id"),
	CONSTRAINT "balance_settings_threshold" CHECK ("balance_settings"."materiality_threshold_ore" >= 0)
);
--> statement-breakpoint
CREATE TABLE "im_functions" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"side" text NOT NULL,
	"level" text NOT NULL,
	"parent_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "im_functions_municipality_id_id_pk" PRIMARY KEY("municipality_id","id")
);
--> statement-breakpoint
CREATE TABLE "system_reconciliations" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"system" text NOT NULL,
	"target" text NOT NULL,
	"period" text NOT NULL,
	"department_id" uuid NOT NULL,
	"difference_ore" bigint NOT NULL,
	"explanation" text,
	"deadline" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	CONSTRAINT "system_reconciliations_municipality_id_id_pk" PRIMARY KEY("municipality_id","id"),
	CONSTRAINT "system_reconciliations_period" CHECK ("system_reconciliations"."period" ~ '^[0-9]{4}-(0[1-9]|1[0-3])$')
);
--> statement-breakpoint
ALTER TABLE "action_plans" DROP CONSTRAINT "action_plans_subject";--> statement-breakpoint
ALTER TABLE "action_plans" ADD COLUMN "account_reconciliation_id" uuid;--> statement-breakpoint
ALTER TABLE "account_reconciliations" ADD CONSTRAINT "account_reconciliations_municipality_id_account_id_balance_accounts_municipality_id_id_fk" FOREIGN KEY ("municipality_id","account_id") REFERENCES "public"."balance_accounts"("municipality_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_reconciliations" ADD CONSTRAINT "account_reconciliations_municipality_id_prepared_by_users_municipality_id_id_fk" FOREIGN KEY ("municipality_id","prepared_by") REFERENCES "public"."users"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_reconciliations" ADD CONSTRAINT "account_reconciliations_municipality_id_approved_by_users_municipality_id_id_fk" FOREIGN KEY ("municipality_id","approved_by") REFERENCES "public"."users"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "balance_accounts" ADD CONSTRAINT "balance_accounts_municipality_id_im_function_id_im_functions_municipality_id_id_fk" FOREIGN KEY ("municipality_id","im_function_id") REFERENCES "public"."im_functions"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "balance_accounts" ADD CONSTRAINT "balance_accounts_municipality_id_department_id_departments_municipality_id_id_fk" FOREIGN KEY ("municipality_id","department_id") REFERENCES "public"."departments"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "balance_settings" ADD CONSTRAINT "balance_settings_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "im_functions" ADD CONSTRAINT "im_functions_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "im_functions" ADD CONSTRAINT "im_functions_municipality_id_parent_id_im_functions_municipality_id_id_fk" FOREIGN KEY ("municipality_id","parent_id") REFERENCES "public"."im_functions"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "system_reconciliations" ADD CONSTRAINT "system_reconciliations_municipality_id_department_id_departments_municipality_id_id_fk" FOREIGN KEY ("municipality_id","department_id") REFERENCES "public"."departments"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "account_reconciliations_period_uq" ON "account_reconciliations" USING btree ("municipality_id","account_id","period");--> statement-breakpoint
CREATE INDEX "account_reconciliations_period_idx" ON "account_reconciliations" USING btree ("municipality_id","period");--> statement-breakpoint
CREATE UNIQUE INDEX "balance_accounts_number_uq" ON "balance_accounts" USING btree ("municipality_id","number");--> statement-breakpoint
CREATE INDEX "balance_accounts_department_idx" ON "balance_accounts" USING btree ("municipality_id","department_id");--> statement-breakpoint
CREATE UNIQUE INDEX "im_functions_code_uq" ON "im_functions" USING btree ("municipality_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "system_reconciliations_uq" ON "system_reconciliations" USING btree ("municipality_id","system","target","period");--> statement-breakpoint
ALTER TABLE "action_plans" ADD CONSTRAINT "action_plans_municipality_id_account_reconciliation_id_account_reconciliations_municipality_id_id_fk" FOREIGN KEY ("municipality_id","account_reconciliation_id") REFERENCES "public"."account_reconciliations"("municipality_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_plans" ADD CONSTRAINT "action_plans_subject" CHECK (("action_plans"."subject_kind" = 'finding') = ("action_plans"."finding_id" is not null) and ("action_plans"."subject_kind" = 'accountReconciliation') = ("action_plans"."account_reconciliation_id" is not null));