import { date, doublePrecision, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const SNAPSHOT_SOURCES = ['live', 'backfill'] as const;
export type SnapshotSource = (typeof SNAPSHOT_SOURCES)[number];

/**
 * One row per UTC day: where the fleet stood at the end of that day, as our own record (the
 * upstream keeps no history of `progress_score`, so trends survive upstream changes and
 * deletions). Today's row is rewritten by each snapshot run until the day ends, then frozen.
 * Days before the first snapshot are back-filled once from `create_date` with today's scores
 * (`source = 'backfill'`: an estimate, shown as such).
 */
export const dailySnapshots = pgTable('overview_daily_snapshots', {
  day: date('day', { mode: 'string' }).primaryKey(),
  /** Work orders created that day. */
  created: integer('created').notNull(),
  /** Work orders existing at the end of the day. */
  total: integer('total').notNull(),
  /** Of those, complete (`progress_score` = 100) and not started (0). */
  complete: integer('complete').notNull(),
  notStarted: integer('not_started').notNull(),
  /** Newly complete that day (complete minus the previous day's, never below 0). */
  completed: integer('completed').notNull(),
  /** Mean `progress_score` of the work orders existing at the end of the day; null if none. */
  averageScore: doublePrecision('average_score'),
  /** Corrections applied through Field Review that day, and work orders marked reviewed. */
  corrections: integer('corrections').notNull().default(0),
  reviewed: integer('reviewed').notNull().default(0),
  source: text('source').$type<SnapshotSource>().notNull().default('live'),
  takenAt: timestamp('taken_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

export type DailySnapshotRow = typeof dailySnapshots.$inferSelect;
