import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Locks held as rows with a lease (`lib/server/db/lease.ts`), for work that waits on the
 * upstream while it holds them (a task's correction). An advisory lock would hold a pooled
 * connection for as long; a lease holds none, and a holder that died frees it when it expires.
 */
export const leases = pgTable('leases', {
  key: text('key').primaryKey(),
  /** Who holds it: a fresh id per acquisition, so a late release never frees the next holder's. */
  holder: uuid('holder').notNull(),
  /** The database's clock, so every instance reads the same expiry. */
  expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
});
