-- Rollups gain the review state as a key: derived data, so empty them and rebuild every day.
DELETE FROM "overview_rollup_people";--> statement-breakpoint
DELETE FROM "overview_rollup_scores";--> statement-breakpoint
DELETE FROM "overview_rollup_tasks";--> statement-breakpoint
ALTER TABLE "overview_rollup_people" DROP CONSTRAINT "overview_rollup_people_day_kind_key_pk";--> statement-breakpoint
ALTER TABLE "overview_rollup_scores" DROP CONSTRAINT "overview_rollup_scores_day_progress_score_pk";--> statement-breakpoint
ALTER TABLE "overview_rollup_tasks" DROP CONSTRAINT "overview_rollup_tasks_day_task_group_name_task_name_app_version_id_pk";--> statement-breakpoint
ALTER TABLE "overview_rollup_people" ADD COLUMN "review_status" text NOT NULL;--> statement-breakpoint
ALTER TABLE "overview_rollup_scores" ADD COLUMN "review_status" text NOT NULL;--> statement-breakpoint
ALTER TABLE "overview_rollup_tasks" ADD COLUMN "review_status" text NOT NULL;--> statement-breakpoint
ALTER TABLE "overview_rollup_scores" DROP COLUMN "to_review";--> statement-breakpoint
ALTER TABLE "overview_rollup_people" ADD CONSTRAINT "overview_rollup_people_day_kind_key_review_status_pk" PRIMARY KEY("day","kind","key","review_status");--> statement-breakpoint
ALTER TABLE "overview_rollup_scores" ADD CONSTRAINT "overview_rollup_scores_day_progress_score_review_status_pk" PRIMARY KEY("day","progress_score","review_status");--> statement-breakpoint
ALTER TABLE "overview_rollup_tasks" ADD CONSTRAINT "overview_rollup_tasks_day_task_group_name_task_name_app_version_id_review_status_pk" PRIMARY KEY("day","task_group_name","task_name","app_version_id","review_status");--> statement-breakpoint
INSERT INTO "overview_rollup_dirty" ("day")
  SELECT DISTINCT ("create_date" AT TIME ZONE 'UTC')::date FROM "work_order_index" ON CONFLICT DO NOTHING;
