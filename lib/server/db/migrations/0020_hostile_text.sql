-- How many work orders the last run of a sync job left out because the database refused their
-- data: a bad row is skipped and counted, it no longer stops the sync for everyone.
ALTER TABLE "index_sync_state" ADD COLUMN "last_skipped" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- An audited upstream write records its row as `pending` before the call. A creation does not
-- know the id of its work order yet: settling the row may fill `work_order_id`, once, from
-- NULL. Everything else stays as the append-only guard had it.
CREATE OR REPLACE FUNCTION audit_log_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR TG_OP = 'TRUNCATE' THEN
    RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.outcome IS DISTINCT FROM 'pending' OR NEW.outcome IS NULL OR NEW.outcome = 'pending'
     OR NEW.id IS DISTINCT FROM OLD.id OR NEW.at IS DISTINCT FROM OLD.at OR NEW.seq IS DISTINCT FROM OLD.seq
     OR NEW.actor_id IS DISTINCT FROM OLD.actor_id OR NEW.actor_email IS DISTINCT FROM OLD.actor_email
     OR NEW.action IS DISTINCT FROM OLD.action
     OR (OLD.work_order_id IS NOT NULL AND NEW.work_order_id IS DISTINCT FROM OLD.work_order_id)
     OR NEW.task_id IS DISTINCT FROM OLD.task_id OR NEW.task_group_name IS DISTINCT FROM OLD.task_group_name
     OR NEW.task_name IS DISTINCT FROM OLD.task_name
     OR NEW.before IS DISTINCT FROM OLD.before OR NEW.after IS DISTINCT FROM OLD.after
     OR NEW.reason IS DISTINCT FROM OLD.reason OR NEW.comment IS DISTINCT FROM OLD.comment
     OR NEW.request_id IS DISTINCT FROM OLD.request_id THEN
    RAISE EXCEPTION 'audit_log rows are immutable except a pending outcome' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
