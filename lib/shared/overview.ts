import { DEFAULT_QUERY, parseWorkOrderQuery, toSearchParams, type ParseResult, type TaskState, type WorkOrderQuery } from './work-order-filters';

/**
 * The overview's data (GET /api/overview) and its URL. The overview shares the work-order
 * list's filter model and URL keys, so every chart links to `/work-orders?<same filters + the
 * clicked slice>`. Two differences: the overview covers every work order unless `review` says
 * otherwise (the list defaults to "to review"), and it has its own `stuckDays` key.
 */

export const STUCK_DAYS = [1, 2, 3, 5, 7, 14, 30] as const;
export const DEFAULT_STUCK_DAYS = 3;
export const STUCK_LIMIT = 20;
/** Stuck work orders are counted up to this many ("1,000+"). */
export const STUCK_COUNT_CAP = 1_000;
/** Days of trend shown when the filter sets no creation range. */
export const TREND_DAYS = 90;
/** The longest trend a creation range may ask for. */
export const MAX_TREND_DAYS = 400;

export const SCORE_BANDS = [
  { id: 'zero', min: 0, max: 0 },
  { id: 'low', min: 1, max: 49 },
  { id: 'high', min: 50, max: 99 },
  { id: 'complete', min: 100, max: 100 },
] as const;
export type ScoreBandId = (typeof SCORE_BANDS)[number]['id'];

export interface OverviewParams {
  query: WorkOrderQuery;
  stuckDays: number;
}

/** Keys that only shape a list page, meaningless for the overview (refused, like any unknown key). */
const LIST_ONLY = ['sort', 'page', 'pageSize', 'cols'] as const;

export type OverviewParseResult = { ok: true; params: OverviewParams } | { ok: false; fields: Record<string, string> };

export function parseOverviewParams(input: URLSearchParams | string): OverviewParseResult {
  const params = new URLSearchParams(typeof input === 'string' ? input.replace(/^\?/, '') : input);
  const fields: Record<string, string> = {};
  let stuckDays = DEFAULT_STUCK_DAYS;
  const stuck = params.getAll('stuckDays');
  if (stuck.length > 1) fields.stuckDays = 'duplicate';
  else if (stuck.length === 1) {
    const value = Number(stuck[0]);
    if (!/^\d{1,3}$/.test(stuck[0]) || !(STUCK_DAYS as readonly number[]).includes(value)) fields.stuckDays = 'invalid_option';
    else stuckDays = value;
  }
  params.delete('stuckDays');
  for (const key of LIST_ONLY) if (params.has(key)) fields[key] = 'unknown_field';
  const hasReview = params.has('review');
  const parsed: ParseResult = parseWorkOrderQuery(params);
  if (!parsed.ok) Object.assign(fields, parsed.fields);
  if (Object.keys(fields).length > 0 || !parsed.ok) return { ok: false, fields };
  const query = { ...parsed.query, review: hasReview ? parsed.query.review : 'all' } satisfies WorkOrderQuery;
  return { ok: true, params: { query, stuckDays } };
}

/** The overview's URL query (defaults left out; `review` written unless it is the overview's `all`). */
export function overviewSearchParams(params: OverviewParams): URLSearchParams {
  const search = toSearchParams({ ...params.query, review: DEFAULT_QUERY.review }, ['page', 'pageSize', 'cols', 'sort']);
  if (params.query.review !== 'all') search.set('review', params.query.review);
  if (params.stuckDays !== DEFAULT_STUCK_DAYS) search.set('stuckDays', String(params.stuckDays));
  return search;
}

/** A link to the work-order list with the overview's filters plus `slice` (a clicked bar, row…). */
export function workOrderListHref(query: WorkOrderQuery, slice: Partial<WorkOrderQuery> = {}, sort?: WorkOrderQuery['sort']): string {
  const merged: WorkOrderQuery = { ...query, ...slice, page: 1, sort: sort ?? DEFAULT_QUERY.sort, columns: [...DEFAULT_QUERY.columns] };
  const search = toSearchParams(merged).toString();
  return search ? `/work-orders?${search}` : '/work-orders';
}

/**
 * The list of exactly the work orders a per-task row counts: those with this task (its `tasks`
 * column), or with this task in `state` (its not validated / not analysed / corrected column).
 * A task-group row's counts add its tasks up, so its list (work orders with any task of the
 * group) is not one of its numbers: omit `taskName` for it.
 */
export function taskListHref(query: WorkOrderQuery, row: { taskGroupName: string; taskName: string | null }, state: TaskState | null = null): string {
  return workOrderListHref(query, { taskGroup: row.taskGroupName, task: row.taskName, taskState: state });
}

// ---- the DTO ------------------------------------------------------------------------------------

export interface OverviewKpis {
  workOrders: number;
  averageScore: number | null;
  medianScore: number | null;
  complete: number;
  notStarted: number;
  toReview: number;
  reviewedToday: number;
  correctionsToday: number;
}

export interface ScoreBandCount {
  band: ScoreBandId;
  min: number;
  max: number;
  workOrders: number;
}

export interface TrendPoint {
  day: string;
  created: number;
  completed: number;
  averageScore: number | null;
  /** `snapshot` = our daily record; `backfill` = estimated from creation dates; `index` = computed now. */
  source: 'snapshot' | 'backfill' | 'index';
}

export interface StuckWorkOrder {
  id: string;
  name: string;
  fieldEngineerEmail: string | null;
  progressScore: number;
  createDate: string;
  updateDate: string;
}

/** Counts over the tasks of the matching work orders (one row per task name, or summed per group). */
export interface TaskStats {
  taskGroupName: string;
  /** null on a task-group row. */
  taskName: string | null;
  /** Whether the task counts in conformity (else "not validated" means nothing). */
  conformity: boolean;
  tasks: number;
  notValidated: number;
  notAnalyzed: number;
  corrected: number;
  /** Tasks with an AI value (the overturn rate's denominator). */
  analyzed: number;
  /** Corrections (upstream or here) that turned the AI's "validated" into "not validated", and the reverse. */
  overturnedOkToKo: number;
  overturnedKoToOk: number;
}

export interface OverturnByVersion {
  taskGroupName: string;
  taskName: string;
  appVersionId: string | null;
  analyzed: number;
  overturnedOkToKo: number;
  overturnedKoToOk: number;
}

export interface PeopleStats {
  /** Engineer e-mail or user group id; null = no engineer. */
  key: string | null;
  label: string | null;
  workOrders: number;
  averageScore: number | null;
  firstTimeRight: number;
  conformityErrors: number;
  corrections: number;
}

export interface Overview {
  asOf: string;
  /** The overview's own URL query, normalised. */
  query: string;
  stuckDays: number;
  kpis: OverviewKpis;
  histogram: ScoreBandCount[];
  trend: { source: 'snapshots' | 'index'; from: string; to: string; points: TrendPoint[] };
  /** `capped`: there are more than `total` (= STUCK_COUNT_CAP). */
  stuck: { total: number; capped: boolean; items: StuckWorkOrder[] };
  taskGroups: TaskStats[];
  tasks: TaskStats[];
  overturnByVersion: OverturnByVersion[];
  technicians: PeopleStats[];
  userGroups: PeopleStats[];
  lastSyncedAt: string | null;
  /** Whether every work order's dates come from the site, or some are Field Review's stand-ins. */
  siteDates: SiteDates;
}

/**
 * `creation` / `update`: every indexed work order carries the site's own creation / update date.
 * False when the site leaves them out: those work orders are counted by the time Field Review
 * first saw them / last saw them change.
 */
export interface SiteDates {
  creation: boolean;
  update: boolean;
}

/** part / whole, or null when the whole is 0 (shown as "—", never as 0 %). */
export function share(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}
