-- The audit log is append-only: no DELETE, no TRUNCATE, and the only UPDATE allowed moves
-- `outcome` from 'pending' to a final value (optionally adding `details`). Enforced in the
-- database so no code path (ours or a future one) can rewrite history.
CREATE OR REPLACE FUNCTION audit_log_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR TG_OP = 'TRUNCATE' THEN
    RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.outcome IS DISTINCT FROM 'pending' OR NEW.outcome IS NULL OR NEW.outcome = 'pending'
     OR NEW.id IS DISTINCT FROM OLD.id OR NEW.at IS DISTINCT FROM OLD.at
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
--> statement-breakpoint
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_guard();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_guard();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_guard();
