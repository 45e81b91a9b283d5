DROP INDEX "woi_create_date_idx";--> statement-breakpoint
DROP INDEX "woi_update_date_idx";--> statement-breakpoint
DROP INDEX "woi_reviewed_at_idx";--> statement-breakpoint
DROP INDEX "woi_review_date_idx";--> statement-breakpoint
DROP INDEX "woi_progress_idx";--> statement-breakpoint
DROP INDEX "woi_name_idx";--> statement-breakpoint
DROP INDEX "woi_engineer_idx";--> statement-breakpoint
DROP INDEX "woi_corrected_idx";--> statement-breakpoint
DROP INDEX "woi_conformity_idx";--> statement-breakpoint
CREATE INDEX "woi_create_date_idx" ON "work_order_index" USING btree ("create_date","id","review_status");--> statement-breakpoint
CREATE INDEX "woi_update_date_idx" ON "work_order_index" USING btree ("update_date","id","review_status");--> statement-breakpoint
CREATE INDEX "woi_reviewed_at_idx" ON "work_order_index" USING btree ("reviewed_at","id","review_status");--> statement-breakpoint
CREATE INDEX "woi_review_date_idx" ON "work_order_index" USING btree ("review_date","id","review_status");--> statement-breakpoint
CREATE INDEX "woi_progress_idx" ON "work_order_index" USING btree ("progress_score","id","review_status");--> statement-breakpoint
CREATE INDEX "woi_name_idx" ON "work_order_index" USING btree ("name","id","review_status");--> statement-breakpoint
CREATE INDEX "woi_engineer_idx" ON "work_order_index" USING btree ("field_engineer_email","id","review_status");--> statement-breakpoint
CREATE INDEX "woi_corrected_idx" ON "work_order_index" USING btree ("tasks_corrected","id","review_status");--> statement-breakpoint
CREATE INDEX "woi_conformity_idx" ON "work_order_index" USING btree ("conformity_errors","id","review_status");