import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const REVIEW_STATUSES = ['to_review', 'reviewed'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/**
 * Our review state per work order (the upstream has none). No row = `to_review`.
 * `reviewedBy` keeps the user id; no foreign key so a user row can never block history.
 */
export const workOrderReviews = pgTable(
  'work_order_reviews',
  {
    workOrderId: text('work_order_id').primaryKey(),
    status: text('status').$type<ReviewStatus>().notNull().default('to_review'),
    reviewedBy: uuid('reviewed_by'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true, mode: 'date' }),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    index('work_order_reviews_status_idx').on(t.status),
    check('work_order_reviews_status_check', sql`${t.status} in ('to_review', 'reviewed')`),
  ],
);

export type WorkOrderReviewRow = typeof workOrderReviews.$inferSelect;
