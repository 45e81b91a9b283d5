-- The AI's overturn figures now come from the upstream's own values (the AI's verdict on every
-- task, whoever corrected it and wherever), no longer from Field Review's audit log only: the
-- rollups gain the rate's denominator (tasks whose AI value the rules judged) and the
-- corrections that kept the AI's verdict, and every day is recomputed with the new definition.
ALTER TABLE "overview_rollup_tasks" ADD COLUMN "ai_judged" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "overview_rollup_tasks" ADD COLUMN "corrected_kept" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
INSERT INTO "overview_rollup_dirty" ("day")
  SELECT DISTINCT ("create_date" AT TIME ZONE 'UTC')::date FROM "work_order_index" ON CONFLICT DO NOTHING;
