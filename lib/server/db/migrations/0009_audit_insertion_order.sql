ALTER TABLE "audit_log" ADD COLUMN "seq" bigserial NOT NULL;
--> statement-breakpoint
-- The insertion order is part of the record: the append-only guard covers it too.
CREATE OR REPLACE FUNCTION audit_log_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR TG_OP = 'TRUNCATE' THEN
    RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.outcome IS DISTINCT FROM 'pending' OR NEW.outcome IS NULL OR NEW.outcome = 'pending'
     OR NEW.id IS DISTINCT FROM OLD.id OR NEW.at IS DISTINCT FROM OLD.at OR NEW.seq IS DISTINCT FROM OLD.seq
     OR NEW.actor_id IS DISTINCT FROM OLD.actor_id OR NEW.actor_email IS DISTINCT FROM OLD.actor_email
     OR NEW.action IS DISTINCT FROM OLD.action OR NEW.work_order_id IS DISTINCT FROM OLD.work_order_id
     OR NEW.task_id IS DISTINCT FROM OLD.task_id OR NEW.task_name IS DISTINCT FROM OLD.task_name
     OR NEW.before IS DISTINCT FROM OLD.before OR NEW.after IS DISTINCT FROM OLD.after
     OR NEW.reason IS DISTINCT FROM OLD.reason OR NEW.comment IS DISTINCT FROM OLD.comment
     OR NEW.request_id IS DISTINCT FROM OLD.request_id THEN
    RAISE EXCEPTION 'audit_log rows are immutable except a pending outcome' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
