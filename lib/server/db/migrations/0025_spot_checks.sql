-- Spot checks of what the AI passed: the site's sampling rate and draw seed (one row, created on
-- first use), each indexed work order's draw key (filled after every sync pass), the work orders
-- a reviewer checked blind, and their per-task answers next to what the AI had said. Answers are
-- keyed by task names; checks have no foreign key to the index or to users (history stays).
CREATE TABLE "spot_check_settings" (
	"id" text PRIMARY KEY NOT NULL,
	"seed" text NOT NULL,
	"rate_percent" double precision DEFAULT 0 NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "spot_check_draw_keys" (
	"work_order_id" text PRIMARY KEY NOT NULL,
	"draw_key" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "spot_checks" (
	"work_order_id" text PRIMARY KEY NOT NULL,
	"work_order_name" text NOT NULL,
	"checked_by" text,
	"checked_by_email" text,
	"checked_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "spot_check_answers" (
	"work_order_id" text NOT NULL,
	"task_group_name" text NOT NULL,
	"task_name" text NOT NULL,
	"reviewer_ok" boolean NOT NULL,
	"ai_validated" boolean,
	"ai_value" jsonb,
	CONSTRAINT "spot_check_answers_work_order_id_task_group_name_task_name_pk" PRIMARY KEY("work_order_id","task_group_name","task_name")
);
--> statement-breakpoint
ALTER TABLE "spot_check_answers" ADD CONSTRAINT "spot_check_answers_work_order_id_spot_checks_work_order_id_fk" FOREIGN KEY ("work_order_id") REFERENCES "public"."spot_checks"("work_order_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spot_check_draw_keys" ADD CONSTRAINT "spot_check_draw_keys_work_order_id_work_order_index_id_fk" FOREIGN KEY ("work_order_id") REFERENCES "public"."work_order_index"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "spot_check_draw_keys_key_idx" ON "spot_check_draw_keys" USING btree ("draw_key","work_order_id");--> statement-breakpoint
CREATE INDEX "spot_checks_checked_at_idx" ON "spot_checks" USING btree ("checked_at");--> statement-breakpoint
CREATE INDEX "spot_check_answers_task_idx" ON "spot_check_answers" USING btree ("task_group_name","task_name");
