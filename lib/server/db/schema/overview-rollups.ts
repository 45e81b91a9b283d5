import { boolean, date, doublePrecision, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';

/**
 * Materialised daily aggregates of the overview, per UTC creation day, review state and facet,
 * for the views that filter on nothing but the creation range, the review state and at most
 * one tag, work-order type or user group (the whole fleet or one broad slice of it: live
 * aggregates over tens of thousands of work orders and their tasks are too slow there).
 * Facet '' is the whole fleet; facet 'tag' / 'type' / 'group' with a value holds the work
 * orders that have it (a work order with two tags is in both); facet 'groups' with a sorted JSON
 * array of user group ids ('[]' for none) holds the work orders with exactly that set, so a user
 * of some teams sums the sets that meet theirs (each work order is in one set). Database triggers
 * (migration `overview_rollups`) mark a day dirty whenever an index row or task row of that
 * day is written or deleted; the overview refreshes dirty days before reading, so a rollup
 * is never older than the index it summarises.
 */
export const overviewRollupDirty = pgTable('overview_rollup_dirty', {
  day: date('day', { mode: 'string' }).primaryKey(),
});

/** '' = the whole fleet; else the kind of list filter a row is restricted to. */
const facetColumns = {
  facet: text('facet').notNull().default(''),
  facetValue: text('facet_value').notNull().default(''),
};

/** Work orders per creation day, progress score and review state (KPIs, median, histogram, trend). */
export const overviewRollupScores = pgTable(
  'overview_rollup_scores',
  {
    ...facetColumns,
    day: date('day', { mode: 'string' }).notNull(),
    progressScore: integer('progress_score').notNull(),
    /** Our review state (the review DAL writes the index row, so the day turns dirty). */
    reviewStatus: text('review_status').notNull(),
    workOrders: integer('work_orders').notNull(),
  },
  (t) => [primaryKey({ columns: [t.facet, t.facetValue, t.day, t.progressScore, t.reviewStatus] })],
);

/** Per creation day, task and application version: the task statistics' counters. */
export const overviewRollupTasks = pgTable(
  'overview_rollup_tasks',
  {
    ...facetColumns,
    day: date('day', { mode: 'string' }).notNull(),
    taskGroupName: text('task_group_name').notNull(),
    taskName: text('task_name').notNull(),
    /** '' = no application version. */
    appVersionId: text('app_version_id').notNull(),
    reviewStatus: text('review_status').notNull(),
    conformity: boolean('conformity').notNull(),
    tasks: integer('tasks').notNull(),
    notValidated: integer('not_validated').notNull(),
    notAnalyzed: integer('not_analyzed').notNull(),
    corrected: integer('corrected').notNull(),
    analyzed: integer('analyzed').notNull(),
    /** Overturns of the AI's verdict by any correction, upstream or here (`lib/server/ai-accuracy/direction.ts`). */
    okToKo: integer('ok_to_ko').notNull(),
    koToOk: integer('ko_to_ok').notNull(),
    /** Tasks whose AI value the rules judged (the overturn rate's denominator). */
    aiJudged: integer('ai_judged').notNull().default(0),
    /** Corrected tasks whose verdict stayed the AI's. */
    correctedKept: integer('corrected_kept').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.facet, t.facetValue, t.day, t.taskGroupName, t.taskName, t.appVersionId, t.reviewStatus] })],
);

/** Per creation day and technician (`kind = 'engineer'`, '' = none) or user group (`'group'`). */
export const overviewRollupPeople = pgTable(
  'overview_rollup_people',
  {
    ...facetColumns,
    day: date('day', { mode: 'string' }).notNull(),
    kind: text('kind').notNull(),
    key: text('key').notNull(),
    reviewStatus: text('review_status').notNull(),
    label: text('label'),
    workOrders: integer('work_orders').notNull(),
    scoreSum: doublePrecision('score_sum').notNull(),
    firstTimeRight: integer('first_time_right').notNull(),
    conformityErrors: integer('conformity_errors').notNull(),
    corrections: integer('corrections').notNull(),
  },
  (t) => [primaryKey({ columns: [t.facet, t.facetValue, t.kind, t.day, t.key, t.reviewStatus] })],
);
