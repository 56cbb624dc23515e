CREATE TABLE "balance_account_findings" (
	"municipality_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"finding_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	CONSTRAINT "balance_account_findings_municipality_id_account_id_finding_id_pk" PRIMARY KEY("municipality_id","account_id","finding_id")
);
--> statement-breakpoint
CREATE TABLE "risk_model_results" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"run_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"account_number" text NOT NULL,
	"qualified" boolean NOT NULL,
	"score" double precision,
	"components" jsonb NOT NULL,
	"previous_frequency" text NOT NULL,
	"proposed_frequency" text NOT NULL,
	"reasons" jsonb NOT NULL,
	"inputs" jsonb NOT NULL,
	CONSTRAINT "risk_model_results_municipality_id_id_pk" PRIMARY KEY("municipality_id","id"),
	CONSTRAINT "risk_model_results_score" CHECK ("risk_model_results"."qualified" = ("risk_model_results"."score" is not null))
);
--> statement-breakpoint
CREATE TABLE "risk_model_runs" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"as_of" text NOT NULL,
	"model" jsonb NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"accounts" integer NOT NULL,
	"qualified" integer NOT NULL,
	"lowered" integer NOT NULL,
	"stayed_monthly" integer NOT NULL,
	"raised" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"applied_at" timestamp with time zone,
	"applied_by" uuid,
	CONSTRAINT "risk_model_runs_municipality_id_id_pk" PRIMARY KEY("municipality_id","id"),
	CONSTRAINT "risk_model_runs_as_of" CHECK ("risk_model_runs"."as_of" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
	CONSTRAINT "risk_model_runs_applied" CHECK (("risk_model_runs"."state" = 'applied') = ("risk_model_runs"."applied_at" is not null))
);
--> statement-breakpoint
ALTER TABLE "balance_accounts" ADD COLUMN "frequency" text DEFAULT 'monthly' NOT NULL;--> statement-breakpoint
ALTER TABLE "balance_account_findings" ADD CONSTRAINT "balance_account_findings_municipality_id_account_id_balance_accounts_municipality_id_id_fk" FOREIGN KEY ("municipality_id","account_id") REFERENCES "public"."balance_accounts"("municipality_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "balance_account_findings" ADD CONSTRAINT "balance_account_findings_municipality_id_finding_id_findings_municipality_id_id_fk" FOREIGN KEY ("municipality_id","finding_id") REFERENCES "public"."findings"("municipality_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_model_results" ADD CONSTRAINT "risk_model_results_municipality_id_run_id_risk_model_runs_municipality_id_id_fk" FOREIGN KEY ("municipality_id","run_id") REFERENCES "public"."risk_model_runs"("municipality_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_model_results" ADD CONSTRAINT "risk_model_results_municipality_id_account_id_balance_accounts_municipality_id_id_fk" FOREIGN KEY ("municipality_id","account_id") REFERENCES "public"."balance_accounts"("municipality_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_model_runs" ADD CONSTRAINT "risk_model_runs_municipality_id_created_by_users_municipality_id_id_fk" FOREIGN KEY ("municipality_id","created_by") REFERENCES "public"."users"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_model_runs" ADD CONSTRAINT "risk_model_runs_municipality_id_applied_by_users_municipality_id_id_fk" FOREIGN KEY ("municipality_id","applied_by") REFERENCES "public"."users"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "balance_account_findings_finding_idx" ON "balance_account_findings" USING btree ("municipality_id","finding_id");--> statement-breakpoint
CREATE INDEX "risk_model_results_run_idx" ON "risk_model_results" USING btree ("municipality_id","run_id","account_number");--> statement-breakpoint
CREATE INDEX "risk_model_runs_as_of_idx" ON "risk_model_runs" USING btree ("municipality_id","as_of");--> statement-breakpoint
ALTER TABLE "balance_accounts" ADD CONSTRAINT "balance_accounts_frequency" CHECK ("balance_accounts"."frequency" in ('monthly', 'quarterly', 'halfYearly'));--> statement-breakpoint
CREATE FUNCTION "risk_results_immutable"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'risk_model_results rows are immutable: a run keeps the results it was made with' USING ERRCODE = 'insufficient_privilege';
END;
$$;--> statement-breakpoint
CREATE TRIGGER "risk_model_results_immutable" BEFORE UPDATE ON "risk_model_results" FOR EACH ROW EXECUTE FUNCTION "risk_results_immutable"();
--> statement-breakpoint
CREATE FUNCTION "risk_runs_apply_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- a run keeps the month, model and counts it was made with; the only change is draft → applied
  IF OLD.state <> 'draft' OR NEW.state <> 'applied' OR (NEW.as_of, NEW.model, NEW.accounts, NEW.qualified, NEW.lowered, NEW.stayed_monthly, NEW.raised, NEW.created_at, NEW.created_by)
     IS DISTINCT FROM (OLD.as_of, OLD.model, OLD.accounts, OLD.qualified, OLD.lowered, OLD.stayed_monthly, OLD.raised, OLD.created_at, OLD.created_by) THEN
    RAISE EXCEPTION 'a risk model run only changes from draft to applied' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;--> statement-breakpoint
CREATE TRIGGER "risk_model_runs_apply_only" BEFORE UPDATE ON "risk_model_runs" FOR EACH ROW EXECUTE FUNCTION "risk_runs_apply_only"();
