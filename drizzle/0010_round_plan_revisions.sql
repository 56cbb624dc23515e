CREATE TABLE "round_plan_revisions" (
	"municipality_id" uuid NOT NULL,
	"round_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"revision" integer NOT NULL,
	CONSTRAINT "round_plan_revisions_municipality_id_round_id_plan_id_pk" PRIMARY KEY("municipality_id","round_id","plan_id")
);
--> statement-breakpoint
ALTER TABLE "round_plan_revisions" ADD CONSTRAINT "round_plan_revisions_municipality_id_round_id_follow_up_rounds_municipality_id_id_fk" FOREIGN KEY ("municipality_id","round_id") REFERENCES "public"."follow_up_rounds"("municipality_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_plan_revisions" ADD CONSTRAINT "round_plan_revisions_municipality_id_plan_id_action_plans_municipality_id_id_fk" FOREIGN KEY ("municipality_id","plan_id") REFERENCES "public"."action_plans"("municipality_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "round_plan_revisions_plan_idx" ON "round_plan_revisions" USING btree ("municipality_id","plan_id");--> statement-breakpoint
-- Rounds that exist already answer the revision approved now (the best that is known of when they opened).
INSERT INTO "round_plan_revisions" ("municipality_id", "round_id", "plan_id", "revision")
SELECT r."municipality_id", r."id", p."id", CASE WHEN p."state" = 'approved' THEN p."revision" ELSE p."revision" - 1 END
FROM "follow_up_rounds" r
JOIN "action_plans" p ON p."municipality_id" = r."municipality_id"
WHERE p."state" = 'approved' OR p."revision" > 1;
