DROP INDEX "woi_search_gin";--> statement-breakpoint
ALTER TABLE "work_order_index" ADD COLUMN "search_vector" "tsvector" GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, search_text)) STORED;--> statement-breakpoint
CREATE INDEX "woi_search_vector_gin" ON "work_order_index" USING gin ("search_vector");