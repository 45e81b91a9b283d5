import { sql } from 'drizzle-orm';
import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** The names admins give the upstream's user group ids (the upstream knows ids only). */
export const userGroupNames = pgTable('user_group_names', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

/** Company SSO: a value of the configured OIDC claim and the user groups it grants at each sign-in. */
export const oidcGroupMappings = pgTable('oidc_group_mappings', {
  claimValue: text('claim_value').primaryKey(),
  userGroupIds: text('user_group_ids')
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});
