CREATE TABLE "work_order_input_stats" (
	"work_order_id" text PRIMARY KEY NOT NULL,
	"inputs" integer NOT NULL,
	"retakes" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "work_order_task_index" (
	"work_order_id" text NOT NULL,
	"task_id" text NOT NULL,
	"task_name" text NOT NULL,
	"task_group_name" text NOT NULL,
	"app_version_id" text,
	"conformity" boolean NOT NULL,
	"analyzed" boolean NOT NULL,
	"validated" boolean NOT NULL,
	"ai_validated" boolean,
	"corrected" boolean NOT NULL,
	CONSTRAINT "work_order_task_index_work_order_id_task_id_pk" PRIMARY KEY("work_order_id","task_id")
);
--> statement-breakpoint
CREATE TABLE "overview_daily_snapshots" (
	"day" date PRIMARY KEY NOT NULL,
	"created" integer NOT NULL,
	"total" integer NOT NULL,
	"complete" integer NOT NULL,
	"not_started" integer NOT NULL,
	"completed" integer NOT NULL,
	"average_score" double precision,
	"corrections" integer DEFAULT 0 NOT NULL,
	"reviewed" integer DEFAULT 0 NOT NULL,
	"source" text DEFAULT 'live' NOT NULL,
	"taken_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "work_order_input_stats" ADD CONSTRAINT "work_order_input_stats_work_order_id_work_order_index_id_fk" FOREIGN KEY ("work_order_id") REFERENCES "public"."work_order_index"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_order_task_index" ADD CONSTRAINT "work_order_task_index_work_order_id_work_order_index_id_fk" FOREIGN KEY ("work_order_id") REFERENCES "public"."work_order_index"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "woti_task_idx" ON "work_order_task_index" USING btree ("task_group_name","task_name");