CREATE TABLE "overview_rollup_dirty" (
	"day" date PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE TABLE "overview_rollup_people" (
	"day" date NOT NULL,
	"kind" text NOT NULL,
	"key" text NOT NULL,
	"label" text,
	"work_orders" integer NOT NULL,
	"score_sum" double precision NOT NULL,
	"first_time_right" integer NOT NULL,
	"conformity_errors" integer NOT NULL,
	"corrections" integer NOT NULL,
	CONSTRAINT "overview_rollup_people_day_kind_key_pk" PRIMARY KEY("day","kind","key")
);
--> statement-breakpoint
CREATE TABLE "overview_rollup_scores" (
	"day" date NOT NULL,
	"progress_score" integer NOT NULL,
	"work_orders" integer NOT NULL,
	"to_review" integer NOT NULL,
	CONSTRAINT "overview_rollup_scores_day_progress_score_pk" PRIMARY KEY("day","progress_score")
);
--> statement-breakpoint
CREATE TABLE "overview_rollup_tasks" (
	"day" date NOT NULL,
	"task_group_name" text NOT NULL,
	"task_name" text NOT NULL,
	"app_version_id" text NOT NULL,
	"conformity" boolean NOT NULL,
	"tasks" integer NOT NULL,
	"not_validated" integer NOT NULL,
	"not_analyzed" integer NOT NULL,
	"corrected" integer NOT NULL,
	"analyzed" integer NOT NULL,
	"ok_to_ko" integer NOT NULL,
	"ko_to_ok" integer NOT NULL,
	CONSTRAINT "overview_rollup_tasks_day_task_group_name_task_name_app_version_id_pk" PRIMARY KEY("day","task_group_name","task_name","app_version_id")
);
--> statement-breakpoint
-- Mark the UTC creation day of every written or deleted index row (and of the work order of
-- every written or deleted task row) dirty, so the overview's rollups never lag the index.
CREATE FUNCTION overview_mark_days_dirty() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'work_order_index' THEN
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
      INSERT INTO overview_rollup_dirty (day)
        SELECT DISTINCT (create_date AT TIME ZONE 'UTC')::date FROM new_rows ON CONFLICT DO NOTHING;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
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
--> statement-breakpoint
CREATE TRIGGER overview_dirty_index_insert AFTER INSERT ON work_order_index
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION overview_mark_days_dirty();
--> statement-breakpoint
CREATE TRIGGER overview_dirty_index_update AFTER UPDATE ON work_order_index
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION overview_mark_days_dirty();
--> statement-breakpoint
CREATE TRIGGER overview_dirty_index_delete AFTER DELETE ON work_order_index
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION overview_mark_days_dirty();
--> statement-breakpoint
CREATE TRIGGER overview_dirty_tasks_insert AFTER INSERT ON work_order_task_index
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION overview_mark_days_dirty();
--> statement-breakpoint
CREATE TRIGGER overview_dirty_tasks_delete AFTER DELETE ON work_order_task_index
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION overview_mark_days_dirty();
--> statement-breakpoint
-- An index that exists already: every day starts dirty.
INSERT INTO overview_rollup_dirty (day)
  SELECT DISTINCT (create_date AT TIME ZONE 'UTC')::date FROM work_order_index ON CONFLICT DO NOTHING;
