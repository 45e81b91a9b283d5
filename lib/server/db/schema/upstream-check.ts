import { jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { UpstreamCheckReport } from '@/lib/shared/upstream-check';

/**
 * The last upstream check run from the admin page (one row, `id = 'last'`): shown when the page
 * opens, so the page never calls the upstream by itself, and every instance behind a load
 * balancer shows the same result. The report holds codes and counts only, no upstream value.
 */
export const upstreamCheckResults = pgTable('upstream_check_results', {
  id: text('id').primaryKey(),
  report: jsonb('report').$type<UpstreamCheckReport>().notNull(),
  /** E-mail of the admin who ran it. */
  checkedBy: text('checked_by'),
  checkedAt: timestamp('checked_at', { withTimezone: true, mode: 'date' }).notNull(),
});
