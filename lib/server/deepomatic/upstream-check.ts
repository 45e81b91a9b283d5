import 'server-only';
import type { z } from 'zod';
import { isAppError } from '@/lib/server/http/errors';
import { DeepomaticConfigError, getDeepomaticConfig } from './config';
import { upstreamRequest } from './http';
import { isTaskGroupName, paths, type UpstreamPath } from './ids';
import { ignoresUpdatedAfter } from './list-probes';
import { taskGroupListSchema, taskGroupSchema, timelineSchema, workOrderListSchema, workOrderSchema } from './schemas';
import type { CallOptions, SummaryField, TaskGroup, WorkOrder, WorkOrderPage } from './types';
import { listWorkOrders } from './work-orders';
import { degradations, fieldReport } from './upstream-check-findings';
import type { AnswerShape, Blocker, ListReport, ReadName, ReadReport, UpstreamCheckReport } from '@/lib/shared/upstream-check';

export type { UpstreamCheckReport };

/**
 * The upstream check: what the configured Deepomatic site answers to each documented read, which
 * optional fields it provides, which features of Field Review run degraded and why, and whether
 * the site can be used at all. Read-only (GETs only, nothing is created or changed), through the
 * same client as the app (`upstreamRequest`: the key only in the `Authorization` header, no
 * redirects followed, no upstream text kept). `npm run check-upstream` prints it; the admin page
 * shows it.
 *
 * The report (`lib/shared/upstream-check.ts`) holds codes and counts, never values from the
 * site (no names, no ids, no upstream text), so it is safe to store and to show in a browser;
 * words come from the message catalogue.
 */

/** Rows asked for on the list read: few, so that a site ignoring `page_size` shows it. */
const LIST_PAGE_SIZE = 5;
/** Listed work orders read in turn to find one that shows its task states and inputs. */
const MAX_CANDIDATES = 5;

/** Errors that mean "no answer from the site" rather than "an answer we cannot use". */
const UNREACHABLE = new Set(['upstream_error', 'upstream_timeout', 'upstream_unavailable']);

function readPath(path: UpstreamPath, query?: URLSearchParams): string {
  return query && query.size > 0 ? `${path.template}?${query}` : path.template;
}

/** One GET through the client, recording its status, outcome and shape notes. */
async function read<T>(
  name: ReadName,
  path: UpstreamPath,
  schema: z.ZodType<T>,
  options: CallOptions,
  query?: URLSearchParams,
): Promise<{ report: ReadReport; value: T | null; code: string | null }> {
  const report: ReadReport = { read: name, path: readPath(path, query), status: null, outcome: 'ok', shape: null, notes: [] };
  try {
    const value = await upstreamRequest(
      {
        method: 'GET',
        path,
        query,
        schema,
        observe: { status: (status) => (report.status = status), notes: (notes) => (report.notes = [...notes]) },
      },
      options,
    );
    return { report, value, code: null };
  } catch (error) {
    if (!isAppError(error)) throw error; // the caller's own abort
    report.outcome = error.code;
    return { report, value: null, code: error.code };
  }
}

function skipped(name: ReadName, template: string): ReadReport {
  return { read: name, path: template, status: null, outcome: 'skipped', shape: null, notes: [] };
}

/** Why a failed first read makes the site unusable. */
function blockerOf(code: string, otherwise: Blocker): Blocker {
  if (code === 'upstream_auth_failed') return 'auth_failed';
  if (UNREACHABLE.has(code)) return 'unreachable';
  return otherwise;
}

/** Runs every read of the check; never throws for an upstream failure (only for the caller's abort). */
export async function runUpstreamCheck(options: Pick<CallOptions, 'signal' | 'requestId'> = {}): Promise<UpstreamCheckReport> {
  const started = Date.now();
  const checkedAt = new Date(started).toISOString();
  const finish = (parts: Omit<UpstreamCheckReport, 'checkedAt' | 'durationMs' | 'usable'>): UpstreamCheckReport => ({
    checkedAt,
    durationMs: Date.now() - started,
    usable: parts.blocker === null,
    ...parts,
  });
  try {
    getDeepomaticConfig();
  } catch (error) {
    if (error instanceof DeepomaticConfigError) return finish({ blocker: 'not_configured', reads: [], list: null, fields: [], degraded: [] });
    throw error;
  }
  // The same retries and deadlines as the app's own reads: what the check says is what the app gets.
  const call: CallOptions = { ...options };
  const reads: ReadReport[] = [];

  const groups = await read('task_groups', paths.taskGroups(), taskGroupListSchema, call);
  reads.push(groups.report);
  if (groups.value) groups.report.shape = { kind: 'task_group_list', taskGroups: groups.value.length };
  if (groups.code && blockerOf(groups.code, 'task_groups_unreadable') !== 'task_groups_unreadable') {
    // No key accepted, or no answer at all: nothing else can be learnt.
    return finish({ blocker: blockerOf(groups.code, 'task_groups_unreadable'), reads, list: null, fields: [], degraded: [] });
  }

  const namedGroups = await readTaskGroupByName(groups.value ?? [], call);
  reads.push(...namedGroups.reports);

  const listQuery = new URLSearchParams({ page: '1', page_size: String(LIST_PAGE_SIZE), ordering: 'create_date' });
  const list = await read('work_orders', paths.workOrders(), workOrderListSchema, call, listQuery);
  reads.push(list.report);
  if (list.value)
    list.report.shape = { kind: 'work_order_page', count: list.value.count, rows: list.value.results.length, more: list.value.next !== null };

  const detail = await readTellingWorkOrder(list.value?.results.map((row) => row.id) ?? [], call);
  const workOrderId = detail?.value?.id ?? null;
  const light = workOrderId
    ? await read('work_order_without_inputs', paths.workOrder(workOrderId), workOrderSchema, call, new URLSearchParams({ include_inputs: 'false' }))
    : null;
  const timeline = workOrderId ? await read('timeline', paths.timeline(workOrderId), timelineSchema, call) : null;
  reads.push(
    detail?.report ?? skipped('work_order', 'work-orders/{id}/'),
    light?.report ?? skipped('work_order_without_inputs', 'work-orders/{id}/?include_inputs=false'),
    timeline?.report ?? skipped('timeline', 'work-orders/{id}/timeline/'),
  );
  for (const answer of [detail, light]) if (answer?.value) answer.report.shape = workOrderShape(answer.value);
  if (timeline?.value) timeline.report.shape = { kind: 'timeline', events: timeline.value.length };

  const listReport = list.value ? await probeList(list.value, call) : null;
  const blocker: Blocker | null = groups.code
    ? 'task_groups_unreadable'
    : list.code
      ? blockerOf(list.code, 'work_orders_unreadable')
      : detail?.code && detail.code !== 'not_found'
        ? blockerOf(detail.code, 'work_orders_unreadable')
        : null;
  const seen = {
    taskGroups: (groups.value?.length ?? 0) > 0,
    workOrder: detail?.value ?? null,
  };
  const fields = fieldReport([groups.report, ...namedGroups.reports, ...(detail ? [detail.report] : [])], seen);
  return finish({
    blocker,
    reads,
    list: listReport,
    fields,
    degraded: degradations({ fields, list: listReport, reads, includeInputsIgnored: light?.value?.inputs !== undefined }),
  });
}

type Answer<T> = Awaited<ReturnType<typeof read<T>>>;

/**
 * The detail read of the first listed work order that shows the most: one with an analysed
 * task and an input, so that the state and input fields can be told; else the first readable
 * one. A work order listed then deleted before it is read (404) is skipped.
 */
async function readTellingWorkOrder(ids: readonly string[], call: CallOptions): Promise<Answer<WorkOrder> | null> {
  let first: Answer<WorkOrder> | null = null;
  for (const id of ids.slice(0, MAX_CANDIDATES)) {
    const answer = await read('work_order', paths.workOrder(id), workOrderSchema, call);
    if (answer.code === 'not_found') continue;
    if (answer.value === null) return first ?? answer;
    if (answer.value.tasks.some((task) => task.state !== null) && (answer.value.inputs?.length ?? 0) > 0) return answer;
    first ??= answer;
  }
  return first;
}

function workOrderShape(workOrder: WorkOrder): AnswerShape {
  return {
    kind: 'work_order',
    taskGroups: workOrder.task_groups.length,
    tasks: workOrder.tasks.length,
    unreadableTasks: workOrder.unreadable_tasks?.length ?? 0,
    inputs: workOrder.inputs?.length ?? null,
  };
}

/** Both forms of `task-groups/{name}`: the documents write it without the slash, their general rule asks for one. */
async function readTaskGroupByName(groups: readonly TaskGroup[], call: CallOptions): Promise<{ reports: ReadReport[] }> {
  const name = groups.find((group) => isTaskGroupName(group.name))?.name;
  if (name === undefined)
    return { reports: [skipped('task_group_slashless', 'task-groups/{name}'), skipped('task_group_slashed', 'task-groups/{name}/')] };
  const reports: ReadReport[] = [];
  for (const [read_, path] of [
    ['task_group_slashless', paths.taskGroupSlashless(name)],
    ['task_group_slashed', paths.taskGroup(name)],
  ] as const) {
    const answer = await read(read_, path, taskGroupSchema, call);
    if (answer.value) answer.report.shape = { kind: 'task_group', tasks: answer.value.tasks.length };
    reports.push(answer.report);
  }
  return { reports };
}

/** The list's undocumented parameters, each asked about with one small request. */
async function probeList(first: z.output<typeof workOrderListSchema>, call: CallOptions): Promise<ListReport> {
  const rows = first.results;
  const absent = new Set<SummaryField>();
  for (const row of rows) for (const field of row.absent) absent.add(field);
  const report: ListReport = {
    pageSizeHonoured: first.count > LIST_PAGE_SIZE ? rows.length === LIST_PAGE_SIZE : null,
    sitePageSize: first.count > LIST_PAGE_SIZE && rows.length !== LIST_PAGE_SIZE ? rows.length : null,
    orderingHonoured: null,
    updatedAfterHonoured: null,
    rowFieldsAbsent: [...absent].sort(),
  };
  if (first.count === 0) return report;
  report.updatedAfterHonoured = await askOrNull(async () => !(await ignoresUpdatedAfter(call)));
  if (first.count >= 2) {
    report.orderingHonoured = await askOrNull(async () => {
      const reversed: WorkOrderPage = await listWorkOrders({ pageSize: LIST_PAGE_SIZE, ordering: '-create_date' }, call);
      // Oldest first, then newest first: the two lists cannot start with the same work order.
      return reversed.results[0]?.id !== rows[0]?.id;
    });
  }
  return report;
}

/** A probe that fails says nothing either way. */
async function askOrNull(question: () => Promise<boolean>): Promise<boolean | null> {
  try {
    return await question();
  } catch (error) {
    if (isAppError(error)) return null;
    throw error;
  }
}
