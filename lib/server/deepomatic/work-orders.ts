import 'server-only';
import { parseInput } from '@/lib/server/http/field-errors';
import { upstreamRequest } from './http';
import { paths } from './ids';
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

/** Work-order endpoints (E1–E4, list, metadata, timeline). */

/** The upstream only accepts engineers who have a Deepomatic account (spec §7 #21). */
const WORK_ORDER_FIELD_REASONS = { field_engineer_email: 'unknown_engineer' } as const;

/** `GET /work-orders/` — one page of summaries. */
export async function listWorkOrders(params: ListWorkOrdersParams = {}, options?: CallOptions): Promise<WorkOrderPage> {
  const { page, pageSize, ordering, updatedAfter, createdAfter, name } = parseInput(listWorkOrdersParamsSchema, params);
  const query = new URLSearchParams({ page: String(page), page_size: String(pageSize) });
  if (ordering) query.set('ordering', ordering);
  if (name) query.set('name', name);
  if (updatedAfter) query.set('updated_after', updatedAfter);
  if (createdAfter) query.set('created_after', createdAfter);
  const list = await upstreamRequest({ method: 'GET', path: paths.workOrders(), query, schema: workOrderListSchema }, options);
  // Upstream `next`/`previous` are upstream URLs: only their page number leaves this module.
  return {
    count: list.count,
    page,
    pageSize,
    nextPage: list.next === null ? null : (pageOf(list.next) ?? page + 1),
    previousPage: list.previous === null ? null : (pageOf(list.previous) ?? (page > 1 ? page - 1 : null)),
    results: list.results,
  };
}

function pageOf(link: string): number | null {
  try {
    const value = new URL(link, 'http://upstream.invalid/').searchParams.get('page');
    // DRF omits `page` on the link to the first page.
    if (value === null) return 1;
    const page = Number(value);
    return Number.isInteger(page) && page >= 1 ? page : null;
  } catch {
    return null;
  }
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
  return upstreamRequest(
    {
      method: 'POST',
      path: paths.workOrders(),
      body: workOrderBody(input),
      schema: workOrderSchema,
      fieldReasons: WORK_ORDER_FIELD_REASONS,
    },
    options,
  );
}

/** `PATCH /work-orders/{id}/` — partial update. */
export async function updateWorkOrder(id: string, patch: UpdateWorkOrderInput, options?: CallOptions): Promise<WorkOrder> {
  const path = paths.workOrder(id);
  const input = parseInput(updateWorkOrderInputSchema, patch);
  return upstreamRequest(
    { method: 'PATCH', path, body: workOrderBody(input), schema: workOrderSchema, fieldReasons: WORK_ORDER_FIELD_REASONS },
    options,
  );
}

/** `PUT /work-orders/{id}/` — full replacement. */
export async function replaceWorkOrder(id: string, body: ReplaceWorkOrderInput, options?: CallOptions): Promise<WorkOrder> {
  const path = paths.workOrder(id);
  const input = parseInput(replaceWorkOrderInputSchema, body);
  return upstreamRequest(
    { method: 'PUT', path, body: workOrderBody(input), schema: workOrderSchema, fieldReasons: WORK_ORDER_FIELD_REASONS },
    options,
  );
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
