import 'server-only';
import { parseInput } from '@/lib/server/http/field-errors';
import { upstreamRequest } from './http';
import { paths, type UpstreamPath } from './ids';
import {
  createWorkOrderInputSchema,
  listWorkOrdersParamsSchema,
  metadataSchema,
  replaceWorkOrderInputSchema,
  updateWorkOrderInputSchema,
  type CreateWorkOrderInput,
  type ListWorkOrdersParams,
  type MetadataInput,
  type ReplaceWorkOrderInput,
  type UpdateWorkOrderInput,
} from './requests';
import { timelineSchema, workOrderListSchema, workOrderSchema } from './schemas';
import type { CallOptions, TimelineEvent, WorkOrder, WorkOrderPage } from './types';

/** Work-order endpoints (create, update, delete, retrieve, list, metadata, timeline). */

/** The API only accepts engineers who have a Deepomatic account. */
const WORK_ORDER_FIELD_REASONS = { field_engineer_email: 'unknown_engineer' } as const;

/**
 * `GET /work-orders/` — one page of rows. The list and its parameters are not documented: a
 * site may ignore `page_size`, `ordering` or `updated_after` (the index sync detects it) and
 * page otherwise than by `page` (follow `nextCursor`).
 */
export async function listWorkOrders(params: ListWorkOrdersParams = {}, options?: CallOptions): Promise<WorkOrderPage> {
  const { page, pageSize, ordering, updatedAfter, createdAfter, name, cursor } = parseInput(listWorkOrdersParamsSchema, params);
  const query = cursor === undefined ? new URLSearchParams({ page: String(page), page_size: String(pageSize) }) : cursorQuery(cursor);
  if (cursor === undefined) {
    if (ordering) query.set('ordering', ordering);
    if (name) query.set('name', name);
    if (updatedAfter) query.set('updated_after', updatedAfter);
    if (createdAfter) query.set('created_after', createdAfter);
  }
  const list = await upstreamRequest({ method: 'GET', path: paths.workOrders(), query, schema: workOrderListSchema }, options);
  const current = cursor === undefined ? page : (pageNumber(query.get('page')) ?? 1);
  // Upstream `next`/`previous` are upstream URLs: only their page number and query leave this module.
  const nextCursor = list.next === null ? null : cursorOf(list.next);
  return {
    count: list.count,
    page: current,
    pageSize,
    nextPage: list.next === null ? null : nextPageOf(list.next, current),
    previousPage: list.previous === null ? null : (pageOf(list.previous) ?? (current > 1 ? current - 1 : null)),
    nextCursor,
    results: list.results,
  };
}

function pageNumber(value: string | null): number | null {
  if (value === null) return null;
  const page = Number(value);
  return Number.isInteger(page) && page >= 1 ? page : null;
}

function linkParams(link: string): URLSearchParams | null {
  try {
    return new URL(link, 'http://upstream.invalid/').searchParams;
  } catch {
    return null;
  }
}

/** The page a `previous` link names: DRF omits `page` on the link to the first page. */
function pageOf(link: string): number | null {
  const params = linkParams(link);
  if (params === null) return null;
  return params.has('page') ? pageNumber(params.get('page')) : 1;
}

/** The page a `next` link names; a link without `page` belongs to another pagination (no page number). */
function nextPageOf(link: string, current: number): number | null {
  const params = linkParams(link);
  if (params === null || !params.has('page')) return params === null ? current + 1 : null;
  return pageNumber(params.get('page')) ?? current + 1;
}

const CURSOR_PARAM = /^[A-Za-z0-9_.-]{1,64}$/;
const MAX_CURSOR_PARAMS = 20;
const MAX_CURSOR_VALUE = 1_024;

/**
 * The query of a `next` link, as a cursor. Only the query is kept (the host and path are
 * always our configured base's): parameter names of plain characters, bounded values, at most
 * 20 of them. Null when the link carries nothing usable.
 */
function cursorOf(link: string): string | null {
  const params = linkParams(link);
  if (params === null) return null;
  const kept = cursorQuery(params.toString());
  return kept.size > 0 ? kept.toString() : null;
}

function cursorQuery(cursor: string): URLSearchParams {
  const kept = new URLSearchParams();
  for (const [key, value] of new URLSearchParams(cursor)) {
    if (kept.size >= MAX_CURSOR_PARAMS) break;
    if (CURSOR_PARAM.test(key) && value.length <= MAX_CURSOR_VALUE) kept.append(key, value);
  }
  return kept;
}

/** `GET /work-orders/{id}/` — inputs included unless `includeInputs: false` (upstream default). */
export async function getWorkOrder(
  id: string,
  { includeInputs = true }: { includeInputs?: boolean } = {},
  options?: CallOptions,
): Promise<WorkOrder> {
  const query = includeInputs ? undefined : new URLSearchParams({ include_inputs: 'false' });
  return upstreamRequest({ method: 'GET', path: paths.workOrder(id), query, schema: workOrderSchema }, options);
}

/** `POST /work-orders/` → 201 work order. */
export async function createWorkOrder(body: CreateWorkOrderInput, options?: CallOptions): Promise<WorkOrder> {
  const input = parseInput(createWorkOrderInputSchema, body);
  return sendWorkOrder('POST', paths.workOrders(), input, options);
}

/** `PATCH /work-orders/{id}/` — partial update. */
export async function updateWorkOrder(id: string, patch: UpdateWorkOrderInput, options?: CallOptions): Promise<WorkOrder> {
  const path = paths.workOrder(id);
  const input = parseInput(updateWorkOrderInputSchema, patch);
  return sendWorkOrder('PATCH', path, input, options);
}

/** `PUT /work-orders/{id}/` — full replacement. */
export async function replaceWorkOrder(id: string, body: ReplaceWorkOrderInput, options?: CallOptions): Promise<WorkOrder> {
  const path = paths.workOrder(id);
  const input = parseInput(replaceWorkOrderInputSchema, body);
  return sendWorkOrder('PUT', path, input, options);
}

/** `DELETE /work-orders/{id}/` → 204. */
export async function deleteWorkOrder(id: string, options?: CallOptions): Promise<void> {
  await upstreamRequest({ method: 'DELETE', path: paths.workOrder(id) }, options);
}

/** `PATCH /work-orders/{id}/metadata/` — merges keys into the metadata. */
export async function patchMetadata(id: string, metadata: MetadataInput, options?: CallOptions): Promise<WorkOrder> {
  const path = paths.metadata(id);
  const input = parseInput(metadataSchema, metadata);
  return upstreamRequest({ method: 'PATCH', path, body: copyMetadata(input), schema: workOrderSchema }, options);
}

/** `PUT /work-orders/{id}/metadata/` — replaces the whole metadata object. */
export async function replaceMetadata(id: string, metadata: MetadataInput, options?: CallOptions): Promise<WorkOrder> {
  const path = paths.metadata(id);
  const input = parseInput(metadataSchema, metadata);
  return upstreamRequest({ method: 'PUT', path, body: copyMetadata(input), schema: workOrderSchema }, options);
}

/** `GET /work-orders/{id}/timeline/` — events, oldest first. */
export async function getTimeline(id: string, options?: CallOptions): Promise<TimelineEvent[]> {
  return upstreamRequest({ method: 'GET', path: paths.timeline(id), schema: timelineSchema }, options);
}

type WorkOrderFields = Partial<ReturnType<typeof createWorkOrderInputSchema.parse>>;

/** Creates, updates or replaces a work order: its fields as the body, the work order back, a rejected engineer named. */
function sendWorkOrder(method: 'POST' | 'PATCH' | 'PUT', path: UpstreamPath, input: WorkOrderFields, options?: CallOptions): Promise<WorkOrder> {
  return upstreamRequest({ method, path, body: workOrderBody(input), schema: workOrderSchema, fieldReasons: WORK_ORDER_FIELD_REASONS }, options);
}

/** Rebuilds the upstream body field by field from parsed input. */
function workOrderBody(input: WorkOrderFields): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (input.name !== undefined) body.name = input.name;
  if (input.metadata !== undefined) body.metadata = copyMetadata(input.metadata);
  if (input.tags !== undefined) body.tags = [...input.tags];
  if (input.field_engineer_email !== undefined) body.field_engineer_email = input.field_engineer_email;
  if (input.user_group_ids !== undefined) body.user_group_ids = [...input.user_group_ids];
  if (input.work_order_types !== undefined) body.work_order_types = [...input.work_order_types];
  return body;
}

function copyMetadata(metadata: Record<string, string | number | boolean | null>): Record<string, unknown> {
  // A null-prototype object: keys like "constructor" can never reach a prototype.
  const copy: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const [key, value] of Object.entries(metadata)) copy[key] = value;
  return copy;
}
