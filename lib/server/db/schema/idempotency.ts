import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * One row per (user, Idempotency-Key) of a mutation that reached the upstream (today: task
 * corrections). `status` null = the first request is still in flight; otherwise the stored
 * answer is replayed for a repeat with the same body, and a different body under the same key
 * is refused. Kept 24 h (pruned on write). In the database, not in memory, so a retry landing
 * on another instance or after a restart still finds it.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    userId: uuid('user_id').notNull(),
    key: text('key').notNull(),
    /** What the key was used for, e.g. `correction`. */
    scope: text('scope').notNull(),
    /** SHA-256 of the canonical request (path ids + body). */
    bodyHash: text('body_hash').notNull(),
    /** HTTP status of the stored answer; null while in flight. */
    status: integer('status'),
    /** The stored answer: `{ kind: 'ok', body }` or `{ kind: 'error', code, details }`. */
    response: jsonb('response'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    completedAt: timestamp('completed_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] }), index('idempotency_keys_created_at_idx').on(t.createdAt)],
);

export type IdempotencyKeyRow = typeof idempotencyKeys.$inferSelect;
