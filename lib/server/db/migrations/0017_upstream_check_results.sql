CREATE TABLE "upstream_check_results" (
	"id" text PRIMARY KEY NOT NULL,
	"report" jsonb NOT NULL,
	"checked_by" text,
	"checked_at" timestamp with time zone NOT NULL
);
