-- Teams: each user sees the work orders of their own user groups (the upstream's ids). Users
-- that exist already keep seeing every work order until an admin restricts them.
ALTER TABLE "users" ADD COLUMN "all_work_orders" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "user_group_ids" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "unassigned_work_orders" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- The names admins give the upstream's user group ids (the upstream has ids only).
CREATE TABLE "user_group_names" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);--> statement-breakpoint
-- Company SSO: a value of the configured OIDC claim and the user groups it grants at sign-in.
CREATE TABLE "oidc_group_mappings" (
	"claim_value" text PRIMARY KEY NOT NULL,
	"user_group_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
