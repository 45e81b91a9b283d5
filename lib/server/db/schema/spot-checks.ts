import { bigint, boolean, doublePrecision, index, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import type { TaskValue } from '@/lib/shared/progress-score';
import { workOrderIndex } from './work-order-index';

/**
 * Spot checks of what the AI passed. One settings row (`id = 'site'`): the sampling rate an
 * admin set and the site's random draw seed. A work order is in the sample when the keyed hash
 * of the seed and its id falls below the rate (`lib/server/spot-checks/draw.ts`), so the sample
 * is computed in SQL, is the same on every instance and only grows when the rate is raised.
 * The row is created on first use, with a fresh seed.
 */
export const spotCheckSettings = pgTable('spot_check_settings', {
  id: text('id').primaryKey(),
  /** Random, per site: who cannot read the database cannot predict which work orders get checked. */
  seed: text('seed').notNull(),
  /** Share of fully passed work orders drawn, in percent (0–100). */
  ratePercent: doublePrecision('rate_percent').notNull().default(0),
  updatedBy: text('updated_by'),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

/**
 * Each indexed work order's draw key (`drawKey(seed, id)`, an integer in [0, 2^52)), written by a
 * bounded job after every sync pass (`fillDrawKeys`). Hashing at read time cost most of a second
 * per request at 100,000 work orders; stored and indexed, the sample at rate r is the range
 * `draw_key < r · 2^52`, a short index scan. Rows go with their work order (cascade).
 */
export const spotCheckDrawKeys = pgTable(
  'spot_check_draw_keys',
  {
    workOrderId: text('work_order_id')
      .primaryKey()
      .references(() => workOrderIndex.id, { onDelete: 'cascade' }),
    drawKey: bigint('draw_key', { mode: 'number' }).notNull(),
  },
  (t) => [index('spot_check_draw_keys_key_idx').on(t.drawKey, t.workOrderId)],
);

/**
 * A work order a reviewer checked blind: once here it leaves the queue. No foreign key to the
 * index or to users: a check stays part of the statistics when the work order leaves the index.
 */
export const spotChecks = pgTable(
  'spot_checks',
  {
    workOrderId: text('work_order_id').primaryKey(),
    workOrderName: text('work_order_name').notNull(),
    checkedBy: text('checked_by'),
    checkedByEmail: text('checked_by_email'),
    checkedAt: timestamp('checked_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('spot_checks_checked_at_idx').on(t.checkedAt)],
);

/**
 * The reviewer's answer for one task of a checked work order, next to what the AI had said
 * when the answer was given. Keyed by names, never ids: ids change with the application version.
 */
export const spotCheckAnswers = pgTable(
  'spot_check_answers',
  {
    workOrderId: text('work_order_id')
      .notNull()
      .references(() => spotChecks.workOrderId, { onDelete: 'cascade' }),
    taskGroupName: text('task_group_name').notNull(),
    taskName: text('task_name').notNull(),
    /** The reviewer's verdict: true = OK, false = KO. */
    reviewerOk: boolean('reviewer_ok').notNull(),
    /** The verdict the task's rules gave the AI's own value; null when the AI gave none. */
    aiValidated: boolean('ai_validated'),
    aiValue: jsonb('ai_value').$type<TaskValue | null>(),
  },
  (t) => [
    primaryKey({ columns: [t.workOrderId, t.taskGroupName, t.taskName] }),
    // The overview's per-task figures.
    index('spot_check_answers_task_idx').on(t.taskGroupName, t.taskName),
  ],
);

export type SpotCheckAnswerRow = typeof spotCheckAnswers.$inferSelect;
