-- Locks held as rows with a lease rather than on a pooled connection: a correction holds its
-- task's lock while it waits on the upstream, and many at once starved the pool of connections.
CREATE TABLE "leases" (
	"key" text PRIMARY KEY NOT NULL,
	"holder" uuid NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
