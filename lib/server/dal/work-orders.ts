import 'server-only';
import { z } from 'zod';
import { recordAudit, updateAuditOutcome } from '@/lib/server/audit';
import { deepomatic } from '@/lib/server/deepomatic';
import type { WorkOrder } from '@/lib/server/deepomatic/types';
import { AppError, isAppError } from '@/lib/server/http/errors';
import { logger } from '@/lib/server/logger';
import type { TimelineDto, WorkOrderDto, WorkOrderPageDto } from '@/lib/shared/work-order-dto';
import { WORK_ORDER_NAME_MAX_LENGTH, workOrderNameProblem } from '@/lib/shared/work-order-name';
import { groupsForNewWorkOrder, inScope, type WorkOrderScope } from '@/lib/shared/work-order-scope';
import type { SessionUser } from './authorize';
import { callOptions, type OperationContext } from './context';
import { lastCorrectionsByTask } from './correction-history';
import { rememberInputUrls } from './input-urls';
import { toWorkOrderDto } from './mappers';
import { dropIndexRow, refreshIndexRow } from './reindex';
import { operation } from './operation';
import { mergeTimeline, workOrderAuditRows } from './timeline';
import { singleLine, workOrderParams } from './validation';

// ---------------------------------------------------------------------------------------
// Input schemas (strict: unknown fields are refused, never forwarded upstream)
// ---------------------------------------------------------------------------------------

const metadataKey = singleLine(128).pipe(z.string().min(1));
const metadataValue = z.union([singleLine(2048), z.number(), z.boolean()]);
export const metadataSchema = z.record(metadataKey, metadataValue).refine((value) => Object.keys(value).length <= 200, { message: 'too_big' });

const shortList = (max: number) => z.array(singleLine(max).pipe(z.string().min(1))).max(100);

/** Any value is a valid name upstream: never trimmed or rewritten (see `work-order-name.ts`). */
const workOrderName = z
  .string()
  .min(1)
  .max(WORK_ORDER_NAME_MAX_LENGTH)
  .refine((name) => workOrderNameProblem(name) === null, { message: 'invalid_format' });

const workOrderFields = {
  name: workOrderName,
  metadata: metadataSchema.optional(),
  tags: shortList(128).optional(),
  fieldEngineerEmail: z.email().max(254).nullable().optional(),
  userGroupIds: shortList(128).optional(),
  workOrderTypes: shortList(128).optional(),
};

export const workOrderCreateSchema = z.strictObject(workOrderFields);
export const workOrderPatchSchema = z
  .strictObject({ ...workOrderFields, name: workOrderFields.name.optional() })
  .refine((value) => Object.keys(value).length > 0, { message: 'required' });

type WorkOrderInput = z.output<typeof workOrderPatchSchema>;

/** Our camelCase input → the upstream's snake_case body, only the fields that were given. */
export function toUpstreamWorkOrderBody(input: WorkOrderInput) {
  return {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.metadata !== undefined ? { metadata: input.metadata } : {}),
    ...(input.tags !== undefined ? { tags: input.tags } : {}),
    ...(input.fieldEngineerEmail !== undefined ? { field_engineer_email: input.fieldEngineerEmail } : {}),
    ...(input.userGroupIds !== undefined ? { user_group_ids: input.userGroupIds } : {}),
    ...(input.workOrderTypes !== undefined ? { work_order_types: input.workOrderTypes } : {}),
  };
}

// ---------------------------------------------------------------------------------------
// Shared steps
// ---------------------------------------------------------------------------------------

/**
 * Runs an audited upstream write: its audit row is written `pending` BEFORE the call (if that
 * fails, nothing is sent), then settled `succeeded` or `failed`. A write that reached the
 * upstream can so never be left without its row, even when the process dies in between.
 * A creation learns its work order's id only from the answer: the row gets it when settled.
 */
async function audited<T>(
  user: SessionUser,
  ctx: OperationContext,
  entry: { action: string; workOrderId?: string | null; after?: unknown; details?: Record<string, unknown> },
  run: () => Promise<T>,
  workOrderIdOf?: (result: T) => string,
): Promise<T> {
  const { id: auditId } = await recordAudit({
    actorId: user.id,
    actorEmail: user.email,
    action: entry.action,
    workOrderId: entry.workOrderId ?? null,
    after: entry.after,
    outcome: 'pending',
    requestId: ctx.requestId,
    details: entry.details,
  });
  let result: T;
  try {
    result = await run();
  } catch (error) {
    await updateAuditOutcome(auditId, 'failed', { details: { ...entry.details, error: isAppError(error) ? error.code : 'internal_error' } }).catch(
      (auditError: unknown) => logger.error({ err: auditError, requestId: ctx.requestId, auditId }, 'audit settlement failed'),
    );
    throw error;
  }
  const created = !entry.workOrderId && workOrderIdOf ? { workOrderId: workOrderIdOf(result) } : {};
  // The write is done upstream: a settlement that fails leaves the row pending (an operator can
  // see it), it does not turn the user's success into an error.
  await updateAuditOutcome(auditId, 'succeeded', created).catch((auditError: unknown) =>
    logger.error({ err: auditError, requestId: ctx.requestId, auditId }, 'audit settlement failed'),
  );
  return result;
}

/** The DTO of a work order with "last corrected by" from our audit log, and a fresh index row. */
export async function presentWorkOrder(workOrder: WorkOrder, ctx: OperationContext): Promise<WorkOrderDto> {
  const [lastCorrections] = await Promise.all([lastCorrectionsByTask(workOrder.id), refreshIndexRow(workOrder, ctx.requestId)]);
  return toWorkOrderDto(workOrder, lastCorrections);
}

/**
 * The user groups a creation or a full replacement sends: those asked for when all are the
 * user's, else (none asked) the user's first group, so a scoped supervisor's work order stays
 * in their teams. A group outside them is refused (400 on `userGroupIds`), before the upstream.
 */
function groupsToSend(scope: WorkOrderScope, asked: string[] | undefined): string[] | undefined {
  const groups = groupsForNewWorkOrder(scope, asked);
  if (groups === null) throw new AppError('validation_failed', { fields: { userGroupIds: 'outside_teams' } });
  return groups ? [...groups] : undefined;
}

/** A partial update may change the user groups only within the user's teams. */
function checkGroupChange(scope: WorkOrderScope, asked: string[] | undefined): void {
  if (asked === undefined || scope.all) return;
  if (groupsForNewWorkOrder(scope, asked) === null || (asked.length === 0 && !scope.unassigned))
    throw new AppError('validation_failed', { fields: { userGroupIds: 'outside_teams' } });
}

// ---------------------------------------------------------------------------------------
// Reads
// ---------------------------------------------------------------------------------------

/** GET /api/work-orders/{id}: the work order (with inputs) and its merged timeline. */
export const getWorkOrderPage = operation({
  role: 'viewer',
  scope: 'workOrder',
  input: { params: workOrderParams },
  abortable: true,
  async run({ scope, input, ctx }): Promise<WorkOrderPageDto> {
    const { id } = input.params;
    const options = callOptions(ctx);
    const [workOrder, events] = await Promise.all([
      deepomatic.getWorkOrder(id, { includeInputs: true }, options).catch(async (error: unknown) => {
        // Gone upstream (deleted elsewhere): drop it from the index so search stops offering it.
        if (isAppError(error) && error.code === 'not_found') await dropIndexRow(id, ctx.requestId);
        throw error;
      }),
      // The timeline is a nice-to-have next to the work order: its failure must not hide the page.
      deepomatic.getTimeline(id, options).catch((error: unknown) => {
        if (isAppError(error) && error.code === 'not_found') return null;
        logger.warn({ err: error, requestId: ctx.requestId, workOrderId: id }, 'timeline unavailable');
        return null;
      }),
    ]);
    // The index may be behind the upstream: a work order just moved to another team is not shown.
    if (!inScope(scope, workOrder.user_group_ids)) {
      await refreshIndexRow(workOrder, ctx.requestId);
      throw new AppError('not_found');
    }
    rememberInputUrls(id, workOrder.inputs ?? []);
    const [dto, rows] = await Promise.all([presentWorkOrder(workOrder, ctx), workOrderAuditRows(id)]);
    return { workOrder: dto, timeline: mergeTimeline(events ?? [], rows), timelineComplete: events !== null };
  },
});

/** GET /api/work-orders/{id}/timeline */
export const getWorkOrderTimeline = operation({
  role: 'viewer',
  scope: 'workOrder',
  input: { params: workOrderParams },
  abortable: true,
  async run({ input, ctx }): Promise<TimelineDto> {
    const { id } = input.params;
    const [events, rows] = await Promise.all([deepomatic.getTimeline(id, callOptions(ctx)), workOrderAuditRows(id)]);
    return { entries: mergeTimeline(events, rows), complete: true };
  },
});

// ---------------------------------------------------------------------------------------
// Writes
// ---------------------------------------------------------------------------------------

/** POST /api/work-orders → 201 with the new work order. */
export const createWorkOrder = operation({
  role: 'supervisor',
  scope: 'list',
  input: { body: workOrderCreateSchema },
  async run({ user, scope, input, ctx }): Promise<WorkOrderDto> {
    const body = { ...input.body, userGroupIds: groupsToSend(scope, input.body.userGroupIds) };
    const upstreamBody = { ...toUpstreamWorkOrderBody(body), name: body.name };
    const created = await audited(
      user,
      ctx,
      { action: 'work_order.create', after: body },
      () => deepomatic.createWorkOrder(upstreamBody, callOptions(ctx)),
      (workOrder) => workOrder.id,
    );
    return presentWorkOrder(created, ctx);
  },
});

/** PATCH /api/work-orders/{id}: partial update. */
export const updateWorkOrder = operation({
  role: 'supervisor',
  scope: 'workOrder',
  input: { params: workOrderParams, body: workOrderPatchSchema },
  async run({ user, scope, input, ctx }): Promise<WorkOrderDto> {
    const { id } = input.params;
    checkGroupChange(scope, input.body.userGroupIds);
    const updated = await audited(user, ctx, { action: 'work_order.update', workOrderId: id, after: input.body }, () =>
      deepomatic.updateWorkOrder(id, toUpstreamWorkOrderBody(input.body), callOptions(ctx)),
    );
    return presentWorkOrder(updated, ctx);
  },
});

/** PUT /api/work-orders/{id}: full replacement (name required). */
export const replaceWorkOrder = operation({
  role: 'supervisor',
  scope: 'workOrder',
  input: { params: workOrderParams, body: workOrderCreateSchema },
  async run({ user, scope, input, ctx }): Promise<WorkOrderDto> {
    const { id } = input.params;
    const body = { ...input.body, userGroupIds: groupsToSend(scope, input.body.userGroupIds) };
    const upstreamBody = { ...toUpstreamWorkOrderBody(body), name: body.name };
    const replaced = await audited(user, ctx, { action: 'work_order.replace', workOrderId: id, after: body }, () =>
      deepomatic.replaceWorkOrder(id, upstreamBody, callOptions(ctx)),
    );
    return presentWorkOrder(replaced, ctx);
  },
});

/** DELETE /api/work-orders/{id} → 204. */
export const deleteWorkOrder = operation({
  role: 'admin',
  scope: 'workOrder',
  input: { params: workOrderParams },
  async run({ user, input, ctx }): Promise<void> {
    const { id } = input.params;
    await audited(user, ctx, { action: 'work_order.delete', workOrderId: id }, () => deepomatic.deleteWorkOrder(id, callOptions(ctx)));
    await dropIndexRow(id, ctx.requestId);
  },
});

/** PATCH /api/work-orders/{id}/metadata: merge. */
export const mergeWorkOrderMetadata = operation({
  role: 'supervisor',
  scope: 'workOrder',
  input: { params: workOrderParams, body: metadataSchema },
  async run({ user, input, ctx }): Promise<WorkOrderDto> {
    const { id } = input.params;
    const updated = await audited(user, ctx, { action: 'metadata.update', workOrderId: id, after: input.body }, () =>
      deepomatic.patchMetadata(id, input.body, callOptions(ctx)),
    );
    return presentWorkOrder(updated, ctx);
  },
});

/** PUT /api/work-orders/{id}/metadata: replace. */
export const replaceWorkOrderMetadata = operation({
  role: 'supervisor',
  scope: 'workOrder',
  input: { params: workOrderParams, body: metadataSchema },
  async run({ user, input, ctx }): Promise<WorkOrderDto> {
    const { id } = input.params;
    const updated = await audited(user, ctx, { action: 'metadata.replace', workOrderId: id, after: input.body }, () =>
      deepomatic.replaceMetadata(id, input.body, callOptions(ctx)),
    );
    return presentWorkOrder(updated, ctx);
  },
});
