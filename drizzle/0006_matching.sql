CREATE TABLE "matching_groups" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"run_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"item_ids" jsonb NOT NULL,
	"left_ore" bigint NOT NULL,
	"right_ore" bigint NOT NULL,
	"note" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "matching_groups_municipality_id_id_pk" PRIMARY KEY("municipality_id","id")
);
--> statement-breakpoint
CREATE TABLE "matching_items" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"run_id" uuid NOT NULL,
	"side" text NOT NULL,
	"line" integer NOT NULL,
	"state" text NOT NULL,
	"group_id" uuid,
	"amount_ore" bigint NOT NULL,
	"date" text,
	"case_id" text,
	"account" text,
	"cpr_masked" text,
	"cpr_sealed" text,
	"text" text,
	"carried" boolean DEFAULT false NOT NULL,
	CONSTRAINT "matching_items_municipality_id_id_pk" PRIMARY KEY("municipality_id","id"),
	CONSTRAINT "matching_items_cpr" CHECK (("matching_items"."cpr_sealed" is null) = ("matching_items"."cpr_masked" is null))
);
--> statement-breakpoint
CREATE TABLE "matching_runs" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"system_id" uuid NOT NULL,
	"period" text NOT NULL,
	"state" text DEFAULT 'queued' NOT NULL,
	"phase" text,
	"progress" double precision DEFAULT 0 NOT NULL,
	"rules" jsonb NOT NULL,
	"left_source" jsonb NOT NULL,
	"right_source" jsonb NOT NULL,
	"left_file_name" text NOT NULL,
	"right_file_name" text NOT NULL,
	"left_bytes" bigint NOT NULL,
	"right_bytes" bigint NOT NULL,
	"summary" jsonb,
	"difference_ore" bigint,
	"error" jsonb,
	"system_reconciliation_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "matching_runs_municipality_id_id_pk" PRIMARY KEY("municipality_id","id"),
	CONSTRAINT "matching_runs_period" CHECK ("matching_runs"."period" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
	CONSTRAINT "matching_runs_progress" CHECK ("matching_runs"."progress" between 0 and 1),
	CONSTRAINT "matching_runs_failed" CHECK (("matching_runs"."state" = 'failed') = ("matching_runs"."error" is not null))
);
--> statement-breakpoint
CREATE TABLE "matching_systems" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"target" text NOT NULL,
	"department_id" uuid NOT NULL,
	"rules" jsonb NOT NULL,
	"left_source" jsonb NOT NULL,
	"right_source" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	CONSTRAINT "matching_systems_municipality_id_id_pk" PRIMARY KEY("municipality_id","id")
);
--> statement-breakpoint
ALTER TABLE "matching_groups" ADD CONSTRAINT "matching_groups_municipality_id_run_id_matching_runs_municipality_id_id_fk" FOREIGN KEY ("municipality_id","run_id") REFERENCES "public"."matching_runs"("municipality_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matching_groups" ADD CONSTRAINT "matching_groups_municipality_id_decided_by_users_municipality_id_id_fk" FOREIGN KEY ("municipality_id","decided_by") REFERENCES "public"."users"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matching_items" ADD CONSTRAINT "matching_items_municipality_id_run_id_matching_runs_municipality_id_id_fk" FOREIGN KEY ("municipality_id","run_id") REFERENCES "public"."matching_runs"("municipality_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matching_items" ADD CONSTRAINT "matching_items_municipality_id_group_id_matching_groups_municipality_id_id_fk" FOREIGN KEY ("municipality_id","group_id") REFERENCES "public"."matching_groups"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matching_runs" ADD CONSTRAINT "matching_runs_municipality_id_system_id_matching_systems_municipality_id_id_fk" FOREIGN KEY ("municipality_id","system_id") REFERENCES "public"."matching_systems"("municipality_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matching_runs" ADD CONSTRAINT "matching_runs_municipality_id_created_by_users_municipality_id_id_fk" FOREIGN KEY ("municipality_id","created_by") REFERENCES "public"."users"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matching_runs" ADD CONSTRAINT "matching_runs_municipality_id_system_reconciliation_id_system_reconciliations_municipality_id_id_fk" FOREIGN KEY ("municipality_id","system_reconciliation_id") REFERENCES "public"."system_reconciliations"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matching_systems" ADD CONSTRAINT "matching_systems_municipality_id_department_id_departments_municipality_id_id_fk" FOREIGN KEY ("municipality_id","department_id") REFERENCES "public"."departments"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "matching_groups_run_idx" ON "matching_groups" USING btree ("municipality_id","run_id");--> statement-breakpoint
CREATE INDEX "matching_items_run_idx" ON "matching_items" USING btree ("municipality_id","run_id","side","state");--> statement-breakpoint
CREATE INDEX "matching_runs_system_idx" ON "matching_runs" USING btree ("municipality_id","system_id","period");--> statement-breakpoint
CREATE UNIQUE INDEX "matching_systems_code_uq" ON "matching_systems" USING btree ("municipality_id","code");