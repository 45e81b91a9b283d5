import { sql } from 'drizzle-orm';
import { check, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const ANALYSIS_STATUSES = ['pending', 'completed'] as const;
export type AnalysisRowStatus = (typeof ANALYSIS_STATUSES)[number];

/**
 * An analysis sent with a callback: created `pending` when the upstream accepted it (202),
 * completed when the upstream POSTs the result to our HMAC-signed callback URL. The browser
 * polls it. `result` holds our DTO (never the raw upstream body).
 */
export const analyses = pgTable(
  'analyses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workOrderId: text('work_order_id').notNull(),
    taskGroupName: text('task_group_name').notNull(),
    requestedBy: uuid('requested_by'),
    requestedByEmail: text('requested_by_email'),
    upstreamAnalysisId: text('upstream_analysis_id'),
    status: text('status').$type<AnalysisRowStatus>().notNull().default('pending'),
    result: jsonb('result'),
    requestId: text('request_id'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    completedAt: timestamp('completed_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    index('analyses_work_order_idx').on(t.workOrderId, t.createdAt),
    check('analyses_status_check', sql`${t.status} in ('pending', 'completed')`),
  ],
);

export type AnalysisRow = typeof analyses.$inferSelect;
