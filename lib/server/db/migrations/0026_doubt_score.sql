-- The review queue ranks work orders by doubt: each index row keeps its score (sorted by an index
-- like the other list columns), its top reasons, and the sync time it was computed from (a
-- partial index finds the rows to recompute). Conformity warnings are counted at the next
-- detail read. The site-wide rates the score reads, and the admins' weights, get tables of
-- their own. Existing rows are scored by the first refresh after the next sync pass.
CREATE TABLE "doubt_engineer_rates" (
	"field_engineer_email" text PRIMARY KEY NOT NULL,
	"sample" integer NOT NULL,
	"hits" integer NOT NULL,
	"percent" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "doubt_settings" (
	"id" text PRIMARY KEY NOT NULL,
	"weights" jsonb NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "doubt_task_rates" (
	"task_group_name" text NOT NULL,
	"task_name" text NOT NULL,
	"sample" integer NOT NULL,
	"overturned" integer NOT NULL,
	"percent" integer NOT NULL,
	CONSTRAINT "doubt_task_rates_task_group_name_task_name_pk" PRIMARY KEY("task_group_name","task_name")
);
--> statement-breakpoint
ALTER TABLE "work_order_index" ADD COLUMN "conformity_warnings" integer;--> statement-breakpoint
ALTER TABLE "work_order_index" ADD COLUMN "doubt_score" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "work_order_index" ADD COLUMN "doubt_reasons" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "work_order_index" ADD COLUMN "doubt_synced_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "woi_doubt_idx" ON "work_order_index" USING btree ("doubt_score","id","review_status");--> statement-breakpoint
CREATE INDEX "woi_doubt_stale_idx" ON "work_order_index" USING btree ("id") WHERE "work_order_index"."doubt_synced_at" is distinct from "work_order_index"."synced_at";--> statement-breakpoint
-- Writing a row's doubt score changes nothing the overview counts: an update that changes only
-- the doubt columns marks no day dirty (a weight change rescores every row, and must not make
-- the overview rebuild every day's rollup for it). Any other change marks as before.
CREATE OR REPLACE FUNCTION overview_mark_days_dirty() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'work_order_index' THEN
    IF TG_OP = 'UPDATE' THEN
      INSERT INTO overview_rollup_dirty (day)
        SELECT DISTINCT (day_of AT TIME ZONE 'UTC')::date
          FROM old_rows o JOIN new_rows n ON n.id = o.id
         CROSS JOIN LATERAL (VALUES (o.create_date), (n.create_date)) AS days(day_of)
         WHERE (to_jsonb(o) - '{doubt_score,doubt_reasons,doubt_synced_at}'::text[])
               IS DISTINCT FROM (to_jsonb(n) - '{doubt_score,doubt_reasons,doubt_synced_at}'::text[])
        ON CONFLICT DO NOTHING;
    ELSIF TG_OP = 'INSERT' THEN
      INSERT INTO overview_rollup_dirty (day)
        SELECT DISTINCT (create_date AT TIME ZONE 'UTC')::date FROM new_rows ON CONFLICT DO NOTHING;
    ELSE
      INSERT INTO overview_rollup_dirty (day)
        SELECT DISTINCT (create_date AT TIME ZONE 'UTC')::date FROM old_rows ON CONFLICT DO NOTHING;
    END IF;
  ELSE
    IF TG_OP = 'INSERT' THEN
      INSERT INTO overview_rollup_dirty (day)
        SELECT DISTINCT (w.create_date AT TIME ZONE 'UTC')::date FROM work_order_index w
         WHERE w.id IN (SELECT work_order_id FROM new_rows) ON CONFLICT DO NOTHING;
    ELSE
      INSERT INTO overview_rollup_dirty (day)
        SELECT DISTINCT (w.create_date AT TIME ZONE 'UTC')::date FROM work_order_index w
         WHERE w.id IN (SELECT work_order_id FROM old_rows) ON CONFLICT DO NOTHING;
    END IF;
  END IF;
  RETURN NULL;
END $$;
