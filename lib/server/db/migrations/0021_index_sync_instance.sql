-- Several instances share one database and take turns at the index sync (advisory lock): the
-- state row says which instance is running the job now (cleared when its run ends; a stopped
-- instance's value is believed only while the lock is held) and which one ran it last.
ALTER TABLE "index_sync_state" ADD COLUMN "running_on" text;--> statement-breakpoint
ALTER TABLE "index_sync_state" ADD COLUMN "last_run_on" text;