import { sql } from 'drizzle-orm';
import { bigserial, check, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const AUDIT_OUTCOMES = ['pending', 'applied', 'rejected', 'unknown', 'conflict', 'denied', 'succeeded', 'failed'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/**
 * The append-only audit log: the only record of which person did what (the upstream credits
 * every action to the API key's owner). A database trigger (migration `audit_append_only`)
 * refuses DELETE and any UPDATE except moving `outcome` away from `pending`.
 * No foreign key to users on purpose: audit rows must outlive anything they mention.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    /** Insertion order: rows written within one clock tick still list in the order they happened. */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    actorId: uuid('actor_id'),
    actorEmail: text('actor_email'),
    action: text('action').notNull(),
    workOrderId: text('work_order_id'),
    /** The task's id in the application version of the time: a detail, ids change on upgrades. */
    taskId: text('task_id'),
    /** The task is known by its task group's name and its own name, which survive upgrades. */
    taskGroupName: text('task_group_name'),
    taskName: text('task_name'),
    before: jsonb('before'),
    after: jsonb('after'),
    reason: text('reason'),
    comment: text('comment'),
    outcome: text('outcome').$type<AuditOutcome>(),
    requestId: text('request_id'),
    details: jsonb('details'),
  },
  (t) => [
    index('audit_log_work_order_idx').on(t.workOrderId, t.at),
    index('audit_log_actor_idx').on(t.actorId, t.at),
    index('audit_log_at_idx').on(t.at),
    // The audit page lists newest first by (at, seq) and pages by that key; each filter it
    // offers has an index that yields its rows already in that order, so a page of a rare
    // action or outcome reads only its own rows, however large the log grows.
    index('audit_log_at_seq_idx').on(t.at, t.seq),
    uniqueIndex('audit_log_seq_idx').on(t.seq),
    index('audit_log_action_at_idx').on(t.action, t.at, t.seq),
    index('audit_log_outcome_at_idx').on(t.outcome, t.at, t.seq),
    index('audit_log_actor_email_at_idx').on(sql`lower(${t.actorEmail})`, t.at, t.seq),
    check(
      'audit_log_outcome_check',
      sql`${t.outcome} is null or ${t.outcome} in ('pending', 'applied', 'rejected', 'unknown', 'conflict', 'denied', 'succeeded', 'failed')`,
    ),
  ],
);

export type AuditRow = typeof auditLog.$inferSelect;
