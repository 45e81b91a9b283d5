import { sql } from 'drizzle-orm';
import { bigint, boolean, customType, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import type { DoubtReason } from '@/lib/shared/doubt';
import type { ListFindings } from '@/lib/shared/upstream-check';

/** PostgreSQL's full-text document type (built in: no extension). */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/**
 * The searchable index of work orders: a cache of upstream truth (never the other way round),
 * one row per work order, refreshed by the sync and after every detail read or write.
 * `review_status` / `reviewed_at` copy `work_order_reviews` so the default worklist
 * ("to review, oldest first") is one indexed scan; the review DAL writes both in one
 * transaction.
 *
 * Free text uses a stored `simple` tsvector over `search_text` with a GIN index (no extension
 * needed, so the same migration runs on PGlite and any PostgreSQL server); prefix matching
 * (`word:*`) covers typing the start of a name, e-mail or metadata value.
 */
export const workOrderIndex = pgTable(
  'work_order_index',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    siteId: text('site_id'),
    appVersionId: text('app_version_id'),
    metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull().default({}),
    /** Top-level metadata scalars as strings: `{key: "value"}`, for `@>` filters. */
    metadataText: jsonb('metadata_text').$type<Record<string, string>>().notNull().default({}),
    tags: text('tags')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    workOrderTypes: text('work_order_types')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    fieldEngineerEmail: text('field_engineer_email'),
    fieldEngineerName: text('field_engineer_name'),
    userGroupIds: text('user_group_ids')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /**
     * The upstream's creation date; when it sends none (the API does not document one), the
     * time Field Review first indexed the work order (`create_date_known` false).
     */
    createDate: timestamp('create_date', { withTimezone: true, mode: 'date', precision: 6 }).notNull(),
    /**
     * The upstream's update date; when it sends none, the last time Field Review saw the work
     * order's summary or task counts change (`update_date_known` false).
     */
    updateDate: timestamp('update_date', { withTimezone: true, mode: 'date', precision: 6 }).notNull(),
    createDateKnown: boolean('create_date_known').notNull().default(true),
    updateDateKnown: boolean('update_date_known').notNull().default(true),
    /** The upstream's own review date. */
    reviewDate: timestamp('review_date', { withTimezone: true, mode: 'date', precision: 6 }),
    progressScore: integer('progress_score').notNull(),
    /** Null until a detail read told us (the list endpoint has no tasks). */
    tasksTotal: integer('tasks_total'),
    tasksValidated: integer('tasks_validated'),
    tasksNotValidated: integer('tasks_not_validated'),
    tasksNotAnalyzed: integer('tasks_not_analyzed'),
    tasksCorrected: integer('tasks_corrected'),
    /** Inputs whose analysis ended in a conformity error; null = not known yet. */
    conformityErrors: integer('conformity_errors'),
    /** Conformity warnings on the inputs (duplicate, blur…); null = not known yet. */
    conformityWarnings: integer('conformity_warnings'),
    /**
     * The review queue's doubt score (`lib/shared/doubt.ts`) and its top reasons (codes and
     * figures), computed by `lib/server/doubt/refresh.ts` from this row, its task rows and the
     * site-wide rates.
     */
    doubtScore: integer('doubt_score').notNull().default(0),
    doubtReasons: jsonb('doubt_reasons').$type<DoubtReason[]>().notNull().default([]),
    /** The `synced_at` the score was computed from: a row whose value differs waits for a refresh. */
    doubtSyncedAt: timestamp('doubt_synced_at', { withTimezone: true, mode: 'date' }),
    reviewStatus: text('review_status').notNull().default('to_review'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true, mode: 'date' }),
    /** name, id, engineer, metadata keys and values, tags, types: the free-text haystack. */
    searchText: text('search_text').notNull().default(''),
    /**
     * `search_text` parsed once at write time: a row filter then costs a lookup, not a parse
     * (matters when the planner walks a sort index and filters on the way).
     */
    searchVector: tsvector('search_vector').generatedAlwaysAs(sql`to_tsvector('simple'::regconfig, search_text)`),
    /** When the counts were last computed from a detail read. */
    detailSyncedAt: timestamp('detail_synced_at', { withTimezone: true, mode: 'date' }),
    syncedAt: timestamp('synced_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    /**
     * Hash of the upstream summary this row was last written from (`summaryHash` in row.ts):
     * a list walk rewrites a row only when it differs, so reconciling an unchanged index
     * writes nothing here. Null = unknown (rewritten at the next walk).
     */
    summaryHash: text('summary_hash'),
    /** Sync generation that last wrote this row (deletion detection uses `index_sync_seen`). */
    seenGeneration: bigint('seen_generation', { mode: 'number' }).notNull().default(0),
  },
  (t) => [
    // Sort indexes: (sort column, id) is the list order with its tie-breaker, so a page is an
    // index walk; the trailing review_status (the list's default filter, on in almost every
    // search) lets that walk, and a count, filter on it without reading the table.
    index('woi_create_date_idx').on(t.createDate, t.id, t.reviewStatus),
    index('woi_update_date_idx').on(t.updateDate, t.id, t.reviewStatus),
    index('woi_review_create_idx').on(t.reviewStatus, t.createDate, t.id),
    index('woi_reviewed_at_idx').on(t.reviewedAt, t.id, t.reviewStatus),
    index('woi_review_date_idx').on(t.reviewDate, t.id, t.reviewStatus),
    index('woi_progress_idx').on(t.progressScore, t.id, t.reviewStatus),
    index('woi_name_idx').on(t.name, t.id, t.reviewStatus),
    index('woi_engineer_idx').on(t.fieldEngineerEmail, t.id, t.reviewStatus),
    index('woi_corrected_idx').on(t.tasksCorrected, t.id, t.reviewStatus),
    index('woi_conformity_idx').on(t.conformityErrors, t.id, t.reviewStatus),
    index('woi_doubt_idx').on(t.doubtScore, t.id, t.reviewStatus),
    // Rows whose score is out of date: few after each sync pass, so the refresh finds them at once.
    index('woi_doubt_stale_idx')
      .on(t.id)
      .where(sql`${t.doubtSyncedAt} is distinct from ${t.syncedAt}`),
    index('woi_metadata_text_gin').using('gin', t.metadataText.op('jsonb_path_ops')),
    index('woi_tags_gin').using('gin', t.tags),
    index('woi_types_gin').using('gin', t.workOrderTypes),
    index('woi_groups_gin').using('gin', t.userGroupIds),
    index('woi_search_vector_gin').using('gin', t.searchVector),
    // Tiny while the site sends its dates, so "are any dates the site's own?" is answered at once.
    index('woi_create_date_unknown_idx')
      .on(t.id)
      .where(sql`not ${t.createDateKnown}`),
    index('woi_update_date_unknown_idx')
      .on(t.id)
      .where(sql`not ${t.updateDateKnown}`),
  ],
);

export type WorkOrderIndexRow = typeof workOrderIndex.$inferSelect;
export type NewWorkOrderIndexRow = typeof workOrderIndex.$inferInsert;

/**
 * One row per sync job (`full`, `incremental`, `reconcile`): its checkpoint (so a sync that
 * failed mid-way resumes from the page it reached) and its last outcome, shown in the UI.
 */
export const indexSyncState = pgTable('index_sync_state', {
  job: text('job').primaryKey(),
  /** Next upstream page to fetch when resuming; null = not in progress. */
  checkpointPage: integer('checkpoint_page'),
  /** The `updated_after` watermark the job is working from / reached. */
  watermark: timestamp('watermark', { withTimezone: true, mode: 'date', precision: 6 }),
  generation: bigint('generation', { mode: 'number' }).notNull().default(0),
  startedAt: timestamp('started_at', { withTimezone: true, mode: 'date' }),
  lastSuccessAt: timestamp('last_success_at', { withTimezone: true, mode: 'date' }),
  lastErrorAt: timestamp('last_error_at', { withTimezone: true, mode: 'date' }),
  /** Our error code (never upstream text). */
  lastError: text('last_error'),
  lastIndexed: integer('last_indexed').notNull().default(0),
  lastRemoved: integer('last_removed').notNull().default(0),
  /** Work orders the last run could not store (their data refused by the database), left out, not fatal. */
  lastSkipped: integer('last_skipped').notNull().default(0),
  lastDurationMs: integer('last_duration_ms'),
  /** What the job's last run saw of the upstream list's behaviour (ignored parameters, thin rows); null before the first run. */
  listFindings: jsonb('list_findings').$type<ListFindings>(),
  /**
   * The instance running the job now (host:pid), cleared when its run ends. Several instances
   * share the database and take turns (advisory lock): a stopped instance's value is believed
   * only while the lock is held.
   */
  runningOn: text('running_on'),
  /** The instance that ran the job's last finished run (succeeded or failed). */
  lastRunOn: text('last_run_on'),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

export type IndexSyncStateRow = typeof indexSyncState.$inferSelect;

/**
 * The ids each page of a full walk saw, one narrow row per (generation, page): what deletion
 * detection compares the index with at the end of the walk, without rewriting the wide index
 * rows of unchanged work orders. Written with the page's checkpoint, so a walk resumed after a
 * failure still knows what the pages before its checkpoint saw; cleared when the walk ends.
 */
export const indexSyncSeen = pgTable(
  'index_sync_seen',
  {
    generation: bigint('generation', { mode: 'number' }).notNull(),
    page: integer('page').notNull(),
    ids: text('ids').array().notNull(),
  },
  (t) => [primaryKey({ columns: [t.generation, t.page] })],
);
