CREATE TABLE "webhook_endpoints" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"url" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"events" text[] NOT NULL,
	"stuck_days" integer,
	"stuck_armed_at" timestamp with time zone,
	"secret" text NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "webhook_deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"endpoint_id" uuid NOT NULL,
	"event_type" text NOT NULL,
	"event_id" uuid NOT NULL,
	"event_at" timestamp with time zone NOT NULL,
	"payload" jsonb NOT NULL,
	"dedupe_key" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"claim" uuid,
	"last_status_code" integer,
	"last_error" text,
	"last_attempt_at" timestamp with time zone,
	"last_duration_ms" integer,
	"delivered_at" timestamp with time zone,
	"replay_of" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "webhook_deliveries_status_check" CHECK ("status" in ('pending', 'delivered', 'failed', 'dead'))
);
--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_endpoint_id_webhook_endpoints_id_fk" FOREIGN KEY ("endpoint_id") REFERENCES "public"."webhook_endpoints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "webhook_deliveries_due_idx" ON "webhook_deliveries" USING btree ("next_attempt_at") WHERE status in ('pending', 'failed');--> statement-breakpoint
CREATE INDEX "webhook_deliveries_created_idx" ON "webhook_deliveries" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_endpoint_idx" ON "webhook_deliveries" USING btree ("endpoint_id");--> statement-breakpoint
CREATE UNIQUE INDEX "webhook_deliveries_dedupe_key" ON "webhook_deliveries" USING btree ("endpoint_id","dedupe_key");--> statement-breakpoint
-- One event, one delivery per enabled endpoint that subscribed to its type, all with the same
-- event id. The application (lib/server/webhooks/events.ts) and the trigger below both enqueue
-- through it, so who receives what is decided in one place. Returns how many were enqueued.
CREATE FUNCTION webhook_enqueue(p_type text, p_data jsonb, p_at timestamptz) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
	v_event uuid := gen_random_uuid();
	v_count integer;
BEGIN
	INSERT INTO webhook_deliveries (endpoint_id, event_type, event_id, event_at, payload, next_attempt_at, created_at)
	SELECT e.id, p_type, v_event, p_at, p_data, p_at, p_at
	  FROM webhook_endpoints e
	 WHERE e.enabled AND p_type = ANY (e.events);
	GET DIAGNOSTICS v_count = ROW_COUNT;
	RETURN v_count;
END;
$$;--> statement-breakpoint
-- "Conformity error received": the index row's count rose above a count it already knew, in the
-- statement that wrote it (sync or refresh after a read), so each rise is announced once, by
-- whichever instance wrote it. A first count (a new row, or a row that had none) is not a rise:
-- the first sync of a site would otherwise announce every work order it ever had.
CREATE FUNCTION webhook_conformity_rise() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	PERFORM webhook_enqueue(
		'conformity_error.received',
		jsonb_build_object(
			'workOrderId', NEW.id,
			'workOrderName', NEW.name,
			'siteId', NEW.site_id,
			'conformityErrors', NEW.conformity_errors,
			'previousConformityErrors', OLD.conformity_errors
		),
		now()
	);
	RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER work_order_index_conformity_rise
	AFTER UPDATE OF conformity_errors ON work_order_index
	FOR EACH ROW
	WHEN (OLD.conformity_errors IS NOT NULL AND NEW.conformity_errors > OLD.conformity_errors)
	EXECUTE FUNCTION webhook_conformity_rise();
