CREATE TABLE "index_sync_state" (
	"job" text PRIMARY KEY NOT NULL,
	"checkpoint_page" integer,
	"watermark" timestamp (6) with time zone,
	"generation" bigint DEFAULT 0 NOT NULL,
	"started_at" timestamp with time zone,
	"last_success_at" timestamp with time zone,
	"last_error_at" timestamp with time zone,
	"last_error" text,
	"last_indexed" integer DEFAULT 0 NOT NULL,
	"last_removed" integer DEFAULT 0 NOT NULL,
	"last_duration_ms" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "work_order_index" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"site_id" text,
	"app_version_id" text,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"metadata_text" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"work_order_types" text[] DEFAULT '{}'::text[] NOT NULL,
	"field_engineer_email" text,
	"field_engineer_name" text,
	"user_group_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"create_date" timestamp (6) with time zone NOT NULL,
	"update_date" timestamp (6) with time zone NOT NULL,
	"review_date" timestamp (6) with time zone,
	"progress_score" integer NOT NULL,
	"tasks_total" integer,
	"tasks_validated" integer,
	"tasks_not_validated" integer,
	"tasks_not_analyzed" integer,
	"tasks_corrected" integer,
	"conformity_errors" integer,
	"review_status" text DEFAULT 'to_review' NOT NULL,
	"reviewed_at" timestamp with time zone,
	"search_text" text DEFAULT '' NOT NULL,
	"detail_synced_at" timestamp with time zone,
	"synced_at" timestamp with time zone DEFAULT now() NOT NULL,
	"seen_generation" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE INDEX "woi_create_date_idx" ON "work_order_index" USING btree ("create_date","id");--> statement-breakpoint
CREATE INDEX "woi_update_date_idx" ON "work_order_index" USING btree ("update_date","id");--> statement-breakpoint
CREATE INDEX "woi_review_create_idx" ON "work_order_index" USING btree ("review_status","create_date","id");--> statement-breakpoint
CREATE INDEX "woi_reviewed_at_idx" ON "work_order_index" USING btree ("reviewed_at");--> statement-breakpoint
CREATE INDEX "woi_review_date_idx" ON "work_order_index" USING btree ("review_date");--> statement-breakpoint
CREATE INDEX "woi_progress_idx" ON "work_order_index" USING btree ("progress_score","id");--> statement-breakpoint
CREATE INDEX "woi_name_idx" ON "work_order_index" USING btree ("name","id");--> statement-breakpoint
CREATE INDEX "woi_engineer_idx" ON "work_order_index" USING btree ("field_engineer_email");--> statement-breakpoint
CREATE INDEX "woi_corrected_idx" ON "work_order_index" USING btree ("tasks_corrected");--> statement-breakpoint
CREATE INDEX "woi_conformity_idx" ON "work_order_index" USING btree ("conformity_errors");--> statement-breakpoint
CREATE INDEX "woi_metadata_text_gin" ON "work_order_index" USING gin ("metadata_text" jsonb_path_ops);--> statement-breakpoint
CREATE INDEX "woi_tags_gin" ON "work_order_index" USING gin ("tags");--> statement-breakpoint
CREATE INDEX "woi_types_gin" ON "work_order_index" USING gin ("work_order_types");--> statement-breakpoint
CREATE INDEX "woi_groups_gin" ON "work_order_index" USING gin ("user_group_ids");--> statement-breakpoint
CREATE INDEX "woi_search_gin" ON "work_order_index" USING gin (to_tsvector('simple'::regconfig, "search_text"));