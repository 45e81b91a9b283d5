import { integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The doubt score's weights as admins set them (one row, `id = 'weights'`; none = the defaults
 * in `lib/shared/doubt.ts`). Every change is audited with its before and after.
 */
export const doubtSettings = pgTable('doubt_settings', {
  id: text('id').primaryKey(),
  weights: jsonb('weights').$type<Record<string, number>>().notNull(),
  /** E-mail of the admin who changed them last. */
  updatedBy: text('updated_by'),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  /**
   * Where the rescoring walk after a weight change resumes: the last work-order id it rescored,
   * '' = from the start, null = every score follows these weights. A change resets it to ''.
   */
  rescoreAfter: text('rescore_after'),
});

/**
 * Per task (by its group's name and its own, never ids): how often the AI's verdict is
 * overturned by a correction across the indexed work orders. Recomputed after each sync pass
 * that wrote something; a work order's score reads the percent kept here.
 */
export const doubtTaskRates = pgTable(
  'doubt_task_rates',
  {
    taskGroupName: text('task_group_name').notNull(),
    taskName: text('task_name').notNull(),
    /** Tasks of this name with an AI verdict. */
    sample: integer('sample').notNull(),
    /** Of those, corrected to the other verdict. */
    overturned: integer('overturned').notNull(),
    /** overturned / sample, 0–100, rounded. */
    percent: integer('percent').notNull(),
  },
  (t) => [primaryKey({ columns: [t.taskGroupName, t.taskName] })],
);

/** Per field engineer: the share of their recent work orders with a retake or a correction. */
export const doubtEngineerRates = pgTable('doubt_engineer_rates', {
  fieldEngineerEmail: text('field_engineer_email').primaryKey(),
  /** Their work orders of the last 30 days whose detail is known. */
  sample: integer('sample').notNull(),
  /** Of those, with a retake or a correction. */
  hits: integer('hits').notNull(),
  percent: integer('percent').notNull(),
});
