import 'server-only';
import { and, arrayOverlaps, asc, count, desc, eq, gt, gte, inArray, isNotNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/lib/server/db/client';
import { selectRows } from '@/lib/server/db/sql';
import { workOrderIndex, workOrderTaskIndex } from '@/lib/server/db/schema';
import type { SortField, TaskState, WorkOrderQuery } from '@/lib/shared/work-order-filters';
import type { WorkOrderScope } from '@/lib/shared/work-order-scope';

/**
 * The SQL of a work-order search, built only with drizzle's parameterised builder: every
 * user value travels as a bind parameter; column names come from fixed maps, never from input.
 */

const t = workOrderIndex;

const SORT_COLUMNS = {
  name: t.name,
  id: t.id,
  siteId: t.siteId,
  fieldEngineerEmail: t.fieldEngineerEmail,
  createDate: t.createDate,
  updateDate: t.updateDate,
  reviewDate: t.reviewDate,
  reviewedAt: t.reviewedAt,
  progressScore: t.progressScore,
  tasksValidated: t.tasksValidated,
  tasksNotValidated: t.tasksNotValidated,
  tasksNotAnalyzed: t.tasksNotAnalyzed,
  tasksCorrected: t.tasksCorrected,
  conformityErrors: t.conformityErrors,
  reviewStatus: t.reviewStatus,
  doubtScore: t.doubtScore,
} satisfies Record<SortField, unknown>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A prefix tsquery: every word must appear as the start of a word of the haystack. Words are
 * quoted lexemes (quotes doubled), so tsquery operators typed by the user are plain text.
 * Returns null when nothing searchable is left.
 */
export function prefixTsQuery(text: string): string | null {
  const words = text
    .toLowerCase()
    .split(/[\s&|!():*<>\\]+/)
    .map((word) => word.replace(/^[-'"]+|[-'"]+$/g, ''))
    .filter((word) => word.length > 0)
    .slice(0, 16);
  if (words.length === 0) return null;
  return words.map((word) => `'${word.replaceAll("'", "''")}':*`).join(' & ');
}

function startOfDay(day: string): Date {
  return new Date(`${day}T00:00:00.000Z`);
}

function startOfNextDay(day: string): Date {
  const date = startOfDay(day);
  date.setUTCDate(date.getUTCDate() + 1);
  return date;
}

/**
 * `column` falls on `day` or before. The day after 9999-12-31 is written `+010000-01-01` in
 * ISO form, which PostgreSQL does not read: that last day bounds nothing, so only "has a date".
 */
function onOrBefore(column: Parameters<typeof lt>[0], day: string): SQL {
  const next = startOfNextDay(day);
  return next.getUTCFullYear() > 9999 ? isNotNull(column) : lt(column, next);
}

const taskRow = workOrderTaskIndex;

/** A task's state as the overview counts it (`lib/server/overview/aggregates.ts`, per-task rows). */
const TASK_STATE_CONDITIONS = {
  not_validated: sql`${taskRow.conformity} and ${taskRow.analyzed} and not ${taskRow.validated}`,
  not_analyzed: sql`not ${taskRow.analyzed}`,
  corrected: sql`${taskRow.corrected}`,
} satisfies Record<TaskState, SQL>;

/** One task of the work order in this group, with this name, in this state (whichever are given). */
function taskCondition(query: WorkOrderQuery): SQL | undefined {
  if (!query.taskGroup && !query.task && !query.taskState) return undefined;
  const match = and(
    eq(taskRow.workOrderId, t.id),
    query.taskGroup ? eq(taskRow.taskGroupName, query.taskGroup) : undefined,
    query.task ? eq(taskRow.taskName, query.task) : undefined,
    query.taskState ? TASK_STATE_CONDITIONS[query.taskState] : undefined,
  );
  return sql`exists (select 1 from ${taskRow} where ${match})`;
}

/**
 * A list query and the scope of the user it is run for. Every read of the index and the
 * overview takes one, so no statement can be built without the user's teams.
 */
export type ScopedQuery = WorkOrderQuery & { readonly scope: WorkOrderScope };

export function scoped(query: WorkOrderQuery, scope: WorkOrderScope): ScopedQuery {
  return { ...query, scope };
}

/**
 * The work orders of `scope`: their user groups intersect the user's (the GIN index on
 * `user_group_ids` answers `&&`), or they have none and the user sees unassigned ones.
 * Undefined = no restriction.
 */
export function scopeCondition(scope: WorkOrderScope): SQL | undefined {
  if (scope.all) return undefined;
  const groups = scope.groups.length > 0 ? arrayOverlaps(t.userGroupIds, [...scope.groups]) : undefined;
  const unassigned = scope.unassigned ? sql`${t.userGroupIds} = '{}'::text[]` : undefined;
  return or(groups, unassigned) ?? sql`false`;
}

/** The WHERE clause of a query within its scope (undefined = every indexed work order). */
export function whereOf(query: ScopedQuery): SQL | undefined {
  const conditions: (SQL | undefined)[] = [scopeCondition(query.scope)];

  if (query.q) {
    const tsQuery = prefixTsQuery(query.q);
    const textMatch = tsQuery ? sql`${t.searchVector} @@ to_tsquery('simple'::regconfig, ${tsQuery})` : undefined;
    conditions.push(UUID.test(query.q) ? or(eq(t.id, query.q.toLowerCase()), textMatch) : (textMatch ?? sql`false`));
  }
  for (const filter of query.metadata) {
    conditions.push(
      filter.value === null
        ? sql`jsonb_exists(${t.metadataText}, ${filter.key})`
        : sql`${t.metadataText} @> ${JSON.stringify({ [filter.key]: filter.value })}::jsonb`,
    );
  }
  if (query.tags.length > 0) conditions.push(arrayOverlaps(t.tags, query.tags));
  if (query.types.length > 0) conditions.push(arrayOverlaps(t.workOrderTypes, query.types));
  if (query.groups.length > 0) conditions.push(arrayOverlaps(t.userGroupIds, query.groups));
  if (query.engineers.length > 0) conditions.push(inArray(t.fieldEngineerEmail, query.engineers));
  if (query.progressMin !== null) conditions.push(gte(t.progressScore, query.progressMin));
  if (query.progressMax !== null) conditions.push(lte(t.progressScore, query.progressMax));
  if (query.createdFrom) conditions.push(gte(t.createDate, startOfDay(query.createdFrom)));
  if (query.createdTo) conditions.push(onOrBefore(t.createDate, query.createdTo));
  if (query.updatedFrom) conditions.push(gte(t.updateDate, startOfDay(query.updatedFrom)));
  if (query.updatedTo) conditions.push(onOrBefore(t.updateDate, query.updatedTo));
  if (query.reviewedFrom) conditions.push(gte(t.reviewedAt, startOfDay(query.reviewedFrom)));
  if (query.reviewedTo) conditions.push(onOrBefore(t.reviewedAt, query.reviewedTo));
  if (query.review !== 'all') conditions.push(eq(t.reviewStatus, query.review));
  if (query.corrected === true) conditions.push(gt(t.tasksCorrected, 0));
  if (query.corrected === false) conditions.push(sql`coalesce(${t.tasksCorrected}, 0) = 0`);
  if (query.conformity === true) conditions.push(gt(t.conformityErrors, 0));
  if (query.conformity === false) conditions.push(sql`coalesce(${t.conformityErrors}, 0) = 0`);
  // No engineer = null (or an empty e-mail); both forms can use the engineer index.
  if (query.assigned === true) conditions.push(sql`${t.fieldEngineerEmail} <> ''`);
  if (query.assigned === false) conditions.push(sql`(${t.fieldEngineerEmail} is null or ${t.fieldEngineerEmail} = '')`);
  conditions.push(taskCondition(query));

  return and(...conditions);
}

/**
 * ORDER BY of a query: the chosen column, then id as a tie-breaker (a stable page order).
 * PostgreSQL's default null placement (last ascending, first descending) on purpose: it is
 * what a btree index gives in both scan directions, so every sort stays an index walk.
 */
export function orderOf(query: WorkOrderQuery): SQL[] {
  const column = SORT_COLUMNS[query.sort.field];
  if (query.sort.direction === 'asc') return column === t.id ? [asc(t.id)] : [asc(column), asc(t.id)];
  return column === t.id ? [desc(t.id)] : [desc(column), desc(t.id)];
}

/** The columns a list row or an export line needs (never the free-text haystack). */
export const listColumns = {
  id: t.id,
  name: t.name,
  siteId: t.siteId,
  appVersionId: t.appVersionId,
  metadata: t.metadataText,
  tags: t.tags,
  workOrderTypes: t.workOrderTypes,
  fieldEngineerEmail: t.fieldEngineerEmail,
  fieldEngineerName: t.fieldEngineerName,
  userGroupIds: t.userGroupIds,
  createDate: t.createDate,
  updateDate: t.updateDate,
  createDateKnown: t.createDateKnown,
  updateDateKnown: t.updateDateKnown,
  reviewDate: t.reviewDate,
  reviewedAt: t.reviewedAt,
  reviewStatus: t.reviewStatus,
  progressScore: t.progressScore,
  tasksTotal: t.tasksTotal,
  tasksValidated: t.tasksValidated,
  tasksNotValidated: t.tasksNotValidated,
  tasksNotAnalyzed: t.tasksNotAnalyzed,
  tasksCorrected: t.tasksCorrected,
  conformityErrors: t.conformityErrors,
  doubtScore: t.doubtScore,
  doubtReasons: t.doubtReasons,
  syncedAt: t.syncedAt,
};

export type IndexListRow = {
  [K in keyof typeof listColumns]: (typeof listColumns)[K]['_']['notNull'] extends true
    ? (typeof listColumns)[K]['_']['data']
    : (typeof listColumns)[K]['_']['data'] | null;
};

/**
 * How a page is read. `walk`: follow the sort order's index and filter on the way, stopping
 * after offset + limit matches — reads about (offset + limit) × table / matches rows.
 * `filter-first`: collect every match (the filter's own indexes), then sort them — reads the
 * matches once. PostgreSQL's planner has to guess the number of matches, and a guess that is
 * too high makes it walk the whole table for a filter that matches few rows (a tag + type
 * matching nothing cost 75 ms at 100k). We know the number exactly — the page needs the count
 * anyway — so we choose. Filtering first costs about twice as much per row read.
 */
export type PagePlan = 'walk' | 'filter-first';

export function choosePagePlan(page: { offset: number; limit: number; matches: number; tableRows: number }): PagePlan {
  if (page.matches === 0 || page.tableRows <= 0) return 'walk';
  const walked = ((page.offset + page.limit) * page.tableRows) / page.matches;
  return page.matches * 2 < walked ? 'filter-first' : 'walk';
}

/**
 * The ids of one page, in list order. Only ids (and the sort column) are read to find them,
 * so a deep page skips its offset on the sort index alone (index-only once vacuumed) instead
 * of reading offset wide rows; the page's rows are then fetched by primary key.
 */
function pageIds(query: ScopedQuery, plan: PagePlan, limit: number, offset: number): SQL {
  const where = whereOf(query) ?? sql`true`;
  if (plan === 'walk') {
    return sql`select ${t.id} from ${t} where ${where} order by ${sql.join(orderOf(query), sql`, `)} limit ${limit} offset ${offset}`;
  }
  return sql`${collectMatches(query)} select id from matches order by ${matchesOrder(query)} limit ${limit} offset ${offset}`;
}

/** `matches`: every matching id with its sort value, collected through the filter's own indexes. */
function collectMatches(query: ScopedQuery): SQL {
  // `materialized`: an optimisation fence, so the planner cannot turn this back into a walk.
  return sql`with matches as materialized (select ${t.id} as id, ${SORT_COLUMNS[query.sort.field]} as sort_value
    from ${t} where ${whereOf(query) ?? sql`true`})`;
}

/** The list order over `matches` (the same null placement as `orderOf`). */
function matchesOrder(query: ScopedQuery): SQL {
  const direction = query.sort.direction === 'asc' ? sql`asc` : sql`desc`;
  return SORT_COLUMNS[query.sort.field] === t.id ? sql`id ${direction}` : sql`sort_value ${direction}, id ${direction}`;
}

/** The statement reading one page of `query` with `plan` (the benchmark replays its SQL). */
export function pageStatement(
  db: Db,
  query: ScopedQuery,
  plan: PagePlan = 'walk',
  limit = query.pageSize,
  offset = (query.page - 1) * query.pageSize,
) {
  return db
    .select(listColumns)
    .from(t)
    .where(sql`${t.id} in (${pageIds(query, plan, limit, offset)})`)
    .orderBy(...orderOf(query));
}

/** How many rows match, and the table's size as the planner knows it (for `choosePagePlan`). */
async function countForPlan(db: Db, query: ScopedQuery): Promise<{ matches: number; tableRows: number }> {
  const [row] = await db
    .select({
      matches: count(),
      // reltuples: kept by vacuum/analyze (see maintenance.ts); -1 = never analyzed.
      tableRows: sql<number>`(select reltuples from pg_class where oid = 'work_order_index'::regclass)`.mapWith(Number),
    })
    .from(t)
    .where(whereOf(query));
  return { matches: row?.matches ?? 0, tableRows: row?.tableRows ?? -1 };
}

/**
 * Reads `limit` rows from `offset` of a query whose match count is known. A page in the back
 * half is read from the other end (sort reversed, rows flipped back): the last page costs what
 * the first does, and no page skips more than half the matches.
 */
async function readPage(db: Db, query: ScopedQuery, counted: { matches: number; tableRows: number }, limit: number, offset: number) {
  const rowsOnPage = Math.min(limit, counted.matches - offset);
  if (rowsOnPage <= 0) return [];
  const fromTheEnd = counted.matches - offset - rowsOnPage;
  const reversed = fromTheEnd < offset;
  const read = reversed
    ? ({ ...query, sort: { ...query.sort, direction: query.sort.direction === 'asc' ? 'desc' : 'asc' } } satisfies ScopedQuery)
    : query;
  const start = reversed ? fromTheEnd : offset;
  const plan = choosePagePlan({ offset: start, limit: rowsOnPage, ...counted });
  const rows = (await pageStatement(db, read, plan, rowsOnPage, start)) as IndexListRow[];
  return reversed ? rows.reverse() : rows;
}

/**
 * One page of matching rows and how many match in all. Count first (it picks the plan), except
 * for a user of some teams: see `scopedSearchPage`.
 */
export async function searchPage(db: Db, query: ScopedQuery): Promise<{ rows: IndexListRow[]; total: number }> {
  if (!query.scope.all) return scopedSearchPage(db, query);
  const counted = await countForPlan(db, query);
  const rows = await readPage(db, query, counted, query.pageSize, (query.page - 1) * query.pageSize);
  return { rows, total: counted.matches };
}

/**
 * The page and the count of a user of some teams, in one pass over their matches. Their teams
 * are a filter on the work orders' user groups, which no sort index holds: counting reads every
 * match from the table anyway (found through the groups' index), and a walk in list order would
 * read the table again for every row it passes on the way to a deep page. Collecting the matches
 * once gives both (one team of five at 100k, page 100: about half the time of count + walk).
 */
async function scopedSearchPage(db: Db, query: ScopedQuery): Promise<{ rows: IndexListRow[]; total: number }> {
  const [found] = await selectRows<{ total: number; ids: string[] | null }>(
    db,
    sql`${collectMatches(query)}
        select (select count(*) from matches)::int as total,
               array(select id from matches order by ${matchesOrder(query)}
                      limit ${query.pageSize} offset ${(query.page - 1) * query.pageSize}) as ids`,
  );
  const ids = found?.ids ?? [];
  const rows =
    ids.length === 0
      ? []
      : ((await db
          .select(listColumns)
          .from(t)
          .where(inArray(t.id, ids))
          .orderBy(...orderOf(query))) as IndexListRow[]);
  return { rows, total: Number(found?.total ?? 0) };
}

/** How many work orders match (the whole filter, every page). */
export async function countWorkOrders(db: Db, query: ScopedQuery): Promise<number> {
  const [row] = await db.select({ total: count() }).from(t).where(whereOf(query));
  return row?.total ?? 0;
}

/**
 * Every match, in list order, in batches (the CSV export: no cap, bounded memory). Each batch
 * is a page read like the list's (ids on the narrow index, then rows by key); the sort has an
 * id tie-breaker, so batches neither overlap nor skip.
 */
export async function* streamWorkOrders(db: Db, query: ScopedQuery, batchSize = 1_000): AsyncGenerator<IndexListRow[]> {
  const counted = await countForPlan(db, query);
  for (let offset = 0; offset < counted.matches; offset += batchSize) {
    const rows = await readPage(db, query, counted, batchSize, offset);
    if (rows.length > 0) yield rows;
    if (rows.length < batchSize) return;
  }
}

/**
 * The id after `id` in the list order of `query` ("next work order of the saved search"), or
 * null at the end. Keyset comparison on (sort column, id), so it also works when `id` itself
 * no longer matches (e.g. it was just marked reviewed and left the "to review" list).
 */
export async function nextWorkOrderId(db: Db, query: ScopedQuery, id: string): Promise<string | null> {
  const column = SORT_COLUMNS[query.sort.field];
  const [current] = await db.select({ value: column, id: t.id }).from(t).where(eq(t.id, id)).limit(1);
  if (!current) return null;
  const after = query.sort.direction === 'asc';
  const idAfter = after ? gt(t.id, current.id) : lt(t.id, current.id);
  // Nulls sort last ascending and first descending (see orderOf).
  let position: SQL | undefined;
  if (column === t.id) {
    position = idAfter;
  } else if (current.value === null) {
    position = after ? and(sql`${column} is null`, idAfter) : or(and(sql`${column} is null`, idAfter), sql`${column} is not null`);
  } else {
    const value = current.value;
    position = or(after ? gt(column, value) : lt(column, value), and(eq(column, value), idAfter), after ? sql`${column} is null` : undefined);
  }
  const [next] = await db
    .select({ id: t.id })
    .from(t)
    .where(and(whereOf(query), position))
    .orderBy(...orderOf(query))
    .limit(1);
  return next?.id ?? null;
}
