CREATE TABLE "account_activity" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"month" text NOT NULL,
	"transaction_count" integer NOT NULL,
	"volume_ore" bigint NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	CONSTRAINT "account_activity_municipality_id_id_pk" PRIMARY KEY("municipality_id","id"),
	CONSTRAINT "account_activity_month" CHECK ("account_activity"."month" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
	CONSTRAINT "account_activity_count" CHECK ("account_activity"."transaction_count" >= 0)
);
--> statement-breakpoint
CREATE TABLE "balance_adjustments" (
	"municipality_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"year" integer NOT NULL,
	"section" text NOT NULL,
	"write_off_kind" text,
	"department_id" uuid NOT NULL,
	"im_code" text NOT NULL,
	"im_name" text,
	"appropriation" text,
	"text" text,
	"amount_ore" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	CONSTRAINT "balance_adjustments_municipality_id_id_pk" PRIMARY KEY("municipality_id","id"),
	CONSTRAINT "balance_adjustments_kind" CHECK (("balance_adjustments"."section" = 'writeOff') = ("balance_adjustments"."write_off_kind" is not null)),
	CONSTRAINT "balance_adjustments_im" CHECK ("balance_adjustments"."im_code" ~ '^[0-9]\.[0-9]{2}\.[0-9]{2}$')
);
--> statement-breakpoint
ALTER TABLE "account_activity" ADD CONSTRAINT "account_activity_municipality_id_account_id_balance_accounts_municipality_id_id_fk" FOREIGN KEY ("municipality_id","account_id") REFERENCES "public"."balance_accounts"("municipality_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "balance_adjustments" ADD CONSTRAINT "balance_adjustments_municipality_id_department_id_departments_municipality_id_id_fk" FOREIGN KEY ("municipality_id","department_id") REFERENCES "public"."departments"("municipality_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "account_activity_month_uq" ON "account_activity" USING btree ("municipality_id","account_id","month");--> statement-breakpoint
CREATE INDEX "balance_adjustments_year_idx" ON "balance_adjustments" USING btree ("municipality_id","year","section");