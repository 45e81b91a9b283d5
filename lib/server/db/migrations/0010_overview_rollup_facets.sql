-- Rollups gain a facet (whole fleet, or one tag / work-order type / user group) as a key:
-- derived data, so empty them and rebuild every day.
DELETE FROM "overview_rollup_people";--> statement-breakpoint
DELETE FROM "overview_rollup_scores";--> statement-breakpoint
DELETE FROM "overview_rollup_tasks";--> statement-breakpoint
DROP INDEX "woti_task_idx";--> statement-breakpoint
ALTER TABLE "overview_rollup_people" DROP CONSTRAINT "overview_rollup_people_day_kind_key_review_status_pk";--> statement-breakpoint
ALTER TABLE "overview_rollup_scores" DROP CONSTRAINT "overview_rollup_scores_day_progress_score_review_status_pk";--> statement-breakpoint
ALTER TABLE "overview_rollup_tasks" DROP CONSTRAINT "overview_rollup_tasks_day_task_group_name_task_name_app_version_id_review_status_pk";--> statement-breakpoint
ALTER TABLE "overview_rollup_people" ADD COLUMN "facet" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "overview_rollup_people" ADD COLUMN "facet_value" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "overview_rollup_scores" ADD COLUMN "facet" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "overview_rollup_scores" ADD COLUMN "facet_value" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "overview_rollup_tasks" ADD COLUMN "facet" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "overview_rollup_tasks" ADD COLUMN "facet_value" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "overview_rollup_people" ADD CONSTRAINT "overview_rollup_people_facet_facet_value_kind_day_key_review_status_pk" PRIMARY KEY("facet","facet_value","kind","day","key","review_status");--> statement-breakpoint
ALTER TABLE "overview_rollup_scores" ADD CONSTRAINT "overview_rollup_scores_facet_facet_value_day_progress_score_review_status_pk" PRIMARY KEY("facet","facet_value","day","progress_score","review_status");--> statement-breakpoint
ALTER TABLE "overview_rollup_tasks" ADD CONSTRAINT "overview_rollup_tasks_facet_facet_value_day_task_group_name_task_name_app_version_id_review_status_pk" PRIMARY KEY("facet","facet_value","day","task_group_name","task_name","app_version_id","review_status");--> statement-breakpoint
CREATE INDEX "woti_task_work_order_idx" ON "work_order_task_index" USING btree ("task_group_name","task_name","work_order_id");--> statement-breakpoint
INSERT INTO "overview_rollup_dirty" ("day")
  SELECT DISTINCT ("create_date" AT TIME ZONE 'UTC')::date FROM "work_order_index" ON CONFLICT DO NOTHING;
