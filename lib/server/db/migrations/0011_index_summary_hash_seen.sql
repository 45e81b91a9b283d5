CREATE TABLE "index_sync_seen" (
	"generation" bigint NOT NULL,
	"page" integer NOT NULL,
	"ids" text[] NOT NULL,
	CONSTRAINT "index_sync_seen_generation_page_pk" PRIMARY KEY("generation","page")
);
--> statement-breakpoint
ALTER TABLE "work_order_index" ADD COLUMN "summary_hash" text;