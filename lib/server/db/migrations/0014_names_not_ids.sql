-- Task and task-group ids change when a site upgrades its application version; names do not.
-- Field Review's own rows now name a task by (work order, task-group name, task name).
ALTER TABLE "audit_log" ADD COLUMN "task_group_name" text;--> statement-breakpoint
-- The new column is part of the record: the append-only guard covers it like the others.
CREATE OR REPLACE FUNCTION audit_log_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR TG_OP = 'TRUNCATE' THEN
    RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.outcome IS DISTINCT FROM 'pending' OR NEW.outcome IS NULL OR NEW.outcome = 'pending'
     OR NEW.id IS DISTINCT FROM OLD.id OR NEW.at IS DISTINCT FROM OLD.at OR NEW.seq IS DISTINCT FROM OLD.seq
     OR NEW.actor_id IS DISTINCT FROM OLD.actor_id OR NEW.actor_email IS DISTINCT FROM OLD.actor_email
     OR NEW.action IS DISTINCT FROM OLD.action OR NEW.work_order_id IS DISTINCT FROM OLD.work_order_id
     OR NEW.task_id IS DISTINCT FROM OLD.task_id OR NEW.task_group_name IS DISTINCT FROM OLD.task_group_name
     OR NEW.task_name IS DISTINCT FROM OLD.task_name
     OR NEW.before IS DISTINCT FROM OLD.before OR NEW.after IS DISTINCT FROM OLD.after
     OR NEW.reason IS DISTINCT FROM OLD.reason OR NEW.comment IS DISTINCT FROM OLD.comment
     OR NEW.request_id IS DISTINCT FROM OLD.request_id THEN
    RAISE EXCEPTION 'audit_log rows are immutable except a pending outcome' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;--> statement-breakpoint
-- Backfill the task-group name of existing rows from what each row already carries: the
-- correction code has always written it in `details.taskGroupName`; failing that, the task
-- index row with the same work order, task id and task name (same application version, so the
-- same task). The guard refuses any UPDATE of a settled row, so it is switched off for this one
-- statement and on again in the same transaction: drizzle's migrator runs every migration in
-- one transaction, and DISABLE TRIGGER holds a lock on audit_log that blocks every other write
-- until it commits, so nothing else ever runs unguarded. A permanent exception in the guard
-- would instead leave a way to edit history open for good.
ALTER TABLE "audit_log" DISABLE TRIGGER "audit_log_no_update";--> statement-breakpoint
UPDATE "audit_log" AS a
   SET "task_group_name" = coalesce(
         CASE WHEN jsonb_typeof(a."details" -> 'taskGroupName') = 'string' THEN a."details" ->> 'taskGroupName' END,
         (SELECT t."task_group_name" FROM "work_order_task_index" AS t
           WHERE t."work_order_id" = a."work_order_id" AND t."task_id" = a."task_id" AND t."task_name" = a."task_name"
           LIMIT 1))
 WHERE a."task_id" IS NOT NULL AND a."task_group_name" IS NULL
   AND (jsonb_typeof(a."details" -> 'taskGroupName') = 'string'
        OR EXISTS (SELECT 1 FROM "work_order_task_index" AS t
                    WHERE t."work_order_id" = a."work_order_id" AND t."task_id" = a."task_id" AND t."task_name" = a."task_name"));--> statement-breakpoint
ALTER TABLE "audit_log" ENABLE TRIGGER "audit_log_no_update";--> statement-breakpoint
-- The overview's task rows are keyed by names too. A work order read with the same task
-- (group and name) twice under two ids keeps one row, as the code now writes it.
ALTER TABLE "work_order_task_index" DROP CONSTRAINT "work_order_task_index_work_order_id_task_id_pk";--> statement-breakpoint
DELETE FROM "work_order_task_index" AS a
 USING "work_order_task_index" AS b
 WHERE a."work_order_id" = b."work_order_id" AND a."task_group_name" = b."task_group_name"
   AND a."task_name" = b."task_name" AND a."task_id" > b."task_id";--> statement-breakpoint
ALTER TABLE "work_order_task_index" ADD CONSTRAINT "work_order_task_index_work_order_id_task_group_name_task_name_pk" PRIMARY KEY("work_order_id","task_group_name","task_name");--> statement-breakpoint
-- The rollups' overturn figures now join the audit log by names: recompute every day, so
-- corrections made before an upgrade already behind us count again.
INSERT INTO "overview_rollup_dirty" ("day")
  SELECT DISTINCT ("create_date" AT TIME ZONE 'UTC')::date FROM "work_order_index" ON CONFLICT DO NOTHING;
