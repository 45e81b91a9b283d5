import 'server-only';
import { z } from 'zod';
import { getAuditRow, recordAudit, updateAuditOutcome } from '@/lib/server/audit';
import { deepomatic } from '@/lib/server/deepomatic';
import { mayStillLand } from '@/lib/server/deepomatic/in-flight';
import { completeState } from '@/lib/server/deepomatic/schemas';
import type { Task, WorkOrder } from '@/lib/server/deepomatic/types';
import { AppError, isAppError } from '@/lib/server/http/errors';
import { logger } from '@/lib/server/logger';
import { recordCorrectionOutcome } from '@/lib/server/metrics/corrections';
import { announceCorrectionApplied } from '@/lib/server/webhooks/announce';
import { previewCorrection } from '@/lib/shared/correction-preview';
import { effectiveValue, type TaskValue } from '@/lib/shared/progress-score';
import type { TaskName } from '@/lib/shared/task-key';
import type { CorrectionAppliedData } from '@/lib/shared/webhooks';
import type { CorrectionConflictDetails, CorrectionHistoryDto, CorrectionResponse, TaskDto } from '@/lib/shared/work-order-dto';
import type { SessionUser } from './authorize';
import { callOptions, type OperationContext } from './context';
import { CORRECTION_ACTION, correctionRows, lastEffectiveCorrection, toCorrectionSummary } from './correction-history';
import { correctionInFlight, inFlightHorizonMs, inFlightUntilOf, secondsUntil } from './correction-in-flight';
import { checkCorrectionValue, correctionBodySchema, sameTaskValue, type CorrectionBody } from './correction-value';
import {
  claimIdempotencyKey,
  completeIdempotencyKey,
  idempotencyKeyHeader,
  releaseIdempotencyKey,
  reopenIdempotencyKey,
  replayError,
  requestHash,
  type StoredResponse,
} from './idempotency';
import { parseIfMatch, taskVersion, toTaskDto, toWorkOrderDto } from './mappers';
import { operation } from './operation';
import { isActiveReasonCode } from './reason-codes';
import { withTaskLock } from './task-lock';
import { uuidParam } from './validation';
import { presentWorkOrder } from './work-orders';

/**
 * Task correction (the heart of the product): pessimistic, one
 * upstream PATCH per user intent (idempotency key), compare-and-set against the version the
 * user saw (If-Match, per-task lock), an audit row for every attempt, and never "saved"
 * before the upstream said so or a reconciling read proved it.
 */

export interface CorrectionResult {
  /** True when this answer is the stored answer of an earlier request with the same key. */
  replayed: boolean;
  body: CorrectionResponse;
}

const SCOPE = 'correction';

/**
 * How our rows name a task: by its task group's name and its own, which survive an
 * application-version upgrade (ids do not). The same defaults as the task's DTO, so the page's
 * lookups find what was recorded.
 */
function nameOf(task: Task): TaskName {
  return { taskGroupName: task.task_group_name ?? '', taskName: task.name };
}

/** The task of `/work-orders/{id}/tasks/{taskId}/…`. */
const taskParams = z.object({ id: uuidParam, taskId: uuidParam });

/** PATCH /api/work-orders/{id}/tasks/{taskId}/correction */
export const correctTask = operation({
  role: 'supervisor',
  scope: 'workOrder',
  input: {
    params: taskParams,
    headers: z.object({
      'Idempotency-Key': idempotencyKeyHeader,
      /** The task version the user saw (`"v"`, `W/"v"` or `v`); without it, 428. */
      'If-Match': z.string().nullable().transform(parseIfMatch),
    }),
    body: correctionBodySchema,
  },
  async run({ user, input, ctx }): Promise<CorrectionResult> {
    const { id: workOrderId, taskId } = input.params;
    const key = input.headers['Idempotency-Key'];
    const expectedVersion = input.headers['If-Match'];
    if (expectedVersion === null) throw new AppError('precondition_required');
    const body = input.body;
    if (!(await isActiveReasonCode(body.reason))) {
      throw new AppError('validation_failed', { fields: { reason: 'invalid_option' } });
    }
    return correctOnce(ctx, user, { workOrderId, taskId, key, expectedVersion, body });
  },
});

/**
 * One upstream PATCH per user intent: the idempotency key decides whether this request replays
 * an earlier answer, settles an earlier unknown outcome, or makes the attempt.
 */
async function correctOnce(ctx: OperationContext, user: SessionUser, a: Attempt): Promise<CorrectionResult> {
  const { workOrderId, taskId, key, expectedVersion, body } = a;
  const hash = requestHash({ scope: SCOPE, workOrderId, taskId, value: body.correctedValue, reason: body.reason, comment: body.comment ?? null });
  const claim = await claimIdempotencyKey(user.id, key, SCOPE, hash);
  if (claim.state === 'replay') {
    const previous = claim.response;
    if (previous.kind === 'ok') return { replayed: true, body: previous.body as CorrectionResponse };
    if (previous.code !== 'outcome_unknown') throw replayError(previous);
    // The first attempt's outcome was unknown: settle it now rather than replay "unknown" forever.
    // Proven not applied, this retry becomes the attempt (same key, same intent).
    const settled = await withTaskLock(workOrderId, taskId, () => settleUnknown(ctx, user, { workOrderId, taskId, key, body }, previous));
    if (settled) return settled;
  }

  let stored: StoredResponse;
  try {
    stored = await withTaskLock(workOrderId, taskId, () => attempt(ctx, user, { workOrderId, taskId, key, expectedVersion, body }));
  } catch (error) {
    // Nothing reached the upstream: free the key so a retry with it runs afresh.
    await freeKey(ctx, user.id, key);
    throw error;
  }
  if (stored.kind === 'error' && stored.code !== 'outcome_unknown') {
    // The upstream refused, or a reconciling read proved nothing changed: a retry with the
    // same key is a fresh attempt (still guarded by If-Match), so the key is not kept.
    await freeKey(ctx, user.id, key);
    throw replayError(stored);
  }
  // Applied, or maybe applied: the answer is kept so a retry can never send a second PATCH blindly.
  await completeIdempotencyKey(user.id, key, stored);
  if (stored.kind === 'ok') return { replayed: false, body: stored.body as CorrectionResponse };
  throw replayError(stored);
}

async function freeKey(ctx: OperationContext, userId: string, key: string): Promise<void> {
  await releaseIdempotencyKey(userId, key).catch((releaseError: unknown) =>
    logger.error({ err: releaseError, requestId: ctx.requestId }, 'idempotency release failed'),
  );
}

/**
 * A retry of an attempt whose outcome was unknown: one read decides. The value is there →
 * the correction was applied (a new `applied` audit row points at the `unknown` one) and the
 * stored answer becomes that success. Not there while the first PATCH may still land (its
 * horizon) → still unknown, nothing sent. Not there after it → the key is reopened, a
 * `rejected` row points at the `unknown` one, and null is returned (the caller makes this retry
 * the attempt). The read fails → still unknown. Runs under the task lock.
 */
async function settleUnknown(
  ctx: OperationContext,
  user: SessionUser,
  s: { workOrderId: string; taskId: string; key: string; body: CorrectionBody },
  previous: Extract<StoredResponse, { kind: 'error' }>,
): Promise<CorrectionResult | null> {
  const unknownAuditId = (previous.details as { auditId?: string } | undefined)?.auditId ?? null;
  const unknownRow = unknownAuditId ? await getAuditRow(unknownAuditId) : null;
  const inFlightUntil = unknownRow ? inFlightUntilOf(unknownRow) : null;
  const stillUnknown = () => {
    const now = new Date();
    const retryAfter = inFlightUntil && inFlightUntil > now ? secondsUntil(inFlightUntil, now) : undefined;
    return new AppError('outcome_unknown', { status: previous.status, details: previous.details, retryAfter });
  };
  let current: WorkOrder;
  try {
    current = await deepomatic.getWorkOrder(s.workOrderId, { includeInputs: true }, callOptions(ctx));
  } catch {
    throw stillUnknown();
  }
  const task = current.tasks.find((candidate) => candidate.id === s.taskId);
  const names: TaskName | null =
    unknownRow?.taskName != null ? { taskGroupName: unknownRow.taskGroupName ?? '', taskName: unknownRow.taskName } : task ? nameOf(task) : null;
  // The row that settles the unknown one, pointing at it (`settles`): the log stays append-only.
  const recordSettlement = (outcome: 'applied' | 'rejected', row: TaskName, taskGroupName: string | null | undefined) =>
    recordAudit({
      actorId: user.id,
      actorEmail: user.email,
      action: CORRECTION_ACTION,
      workOrderId: s.workOrderId,
      taskId: s.taskId,
      taskGroupName: row.taskGroupName,
      taskName: row.taskName,
      after: { correctedValue: s.body.correctedValue },
      reason: s.body.reason,
      comment: s.body.comment ?? null,
      outcome,
      requestId: ctx.requestId,
      details: { idempotencyKey: s.key, role: user.role, reconciled: true, settles: unknownAuditId, taskGroupName },
    }).then(async (recorded) => {
      recordCorrectionOutcome(outcome);
      if (outcome === 'applied') await announceCorrectionApplied(appliedEvent(user, recorded.id, s.workOrderId, s.taskId, row, s.body));
      return recorded;
    });
  if (task && sameTaskValue(task.state?.corrected_value ?? null, s.body.correctedValue)) {
    const { id: auditId } = await recordSettlement('applied', nameOf(task), task.task_group_name);
    const body = await correctionResponse(ctx, {
      auditId,
      workOrderId: s.workOrderId,
      taskId: s.taskId,
      workOrder: current,
      fallbackTask: task,
      fallbackScore: current.progress_score,
      reconciled: true,
    });
    await completeIdempotencyKey(user.id, s.key, { kind: 'ok', status: 200, body });
    return { replayed: false, body };
  }
  // Not there yet, but the first PATCH may still land: a second one could apply it twice.
  if (inFlightUntil && inFlightUntil > new Date()) throw stillUnknown();
  // Proven not applied. One retry wins the key; a concurrent one is told to wait.
  if (!(await reopenIdempotencyKey(user.id, s.key, 'outcome_unknown'))) throw new AppError('request_in_progress');
  if (names) await recordSettlement('rejected', names, task?.task_group_name ?? names.taskGroupName);
  return null;
}

interface Attempt {
  workOrderId: string;
  taskId: string;
  key: string;
  expectedVersion: string;
  body: CorrectionBody;
}

/**
 * Under the task lock: re-read, check, PATCH once, settle. Throws (before any PATCH) for
 * validation, precondition and read failures; returns the answer to store once the PATCH
 * was attempted.
 */
async function attempt(ctx: OperationContext, user: SessionUser, a: Attempt): Promise<StoredResponse> {
  // Never tied to the browser (a write gets no abort signal): a correction in flight must
  // finish and be recorded.
  const options = callOptions(ctx);
  const fresh = await deepomatic.getWorkOrder(a.workOrderId, { includeInputs: false }, options);
  const task = fresh.tasks.find((candidate) => candidate.id === a.taskId);
  if (!task) throw new AppError('not_found'); // a task id of another work order is not found here
  const value = checkCorrectionValue(task.outcome_type, a.body.correctedValue);
  if (!task.state || task.state.analyzed_value === null) throw new AppError('task_not_analyzed');

  const auditBase = {
    actorId: user.id,
    actorEmail: user.email,
    action: CORRECTION_ACTION,
    workOrderId: a.workOrderId,
    taskId: a.taskId,
    taskGroupName: nameOf(task).taskGroupName,
    taskName: task.name,
    before: {
      analyzedValue: task.state.analyzed_value,
      correctedValue: task.state.corrected_value,
      effectiveValue: effectiveValue(task.state),
      validated: task.state.is_conformity_validated,
      progressScore: fresh.progress_score,
    },
    after: { correctedValue: value },
    reason: a.body.reason,
    comment: a.body.comment ?? null,
    requestId: ctx.requestId,
  };

  // An earlier correction of this task may still be applied upstream: sending another now could
  // be overwritten by it when it lands late. Whoever asks, with whatever key, waits.
  const inFlight = await correctionInFlight(a.workOrderId, nameOf(task));
  if (inFlight) {
    await recordAudit({
      ...auditBase,
      outcome: 'conflict',
      details: { idempotencyKey: a.key, role: user.role, inFlight: inFlight.auditId, taskGroupName: task.task_group_name },
    });
    throw new AppError('correction_in_flight', { retryAfter: secondsUntil(inFlight.until) });
  }

  const currentVersion = taskVersion(task.id, task.state);
  if (currentVersion !== a.expectedVersion) {
    const lastCorrection = await lastEffectiveCorrection(a.workOrderId, nameOf(task));
    await recordAudit({
      ...auditBase,
      outcome: 'conflict',
      details: { idempotencyKey: a.key, role: user.role, expectedVersion: a.expectedVersion, currentVersion, taskGroupName: task.task_group_name },
    });
    const details: CorrectionConflictDetails = { current: toTaskDto(task, lastCorrection), lastCorrection };
    throw new AppError('precondition_failed', { details });
  }

  const pendingDetails = { idempotencyKey: a.key, role: user.role, version: currentVersion, taskGroupName: task.task_group_name };
  const { id: auditId } = await recordAudit({ ...auditBase, outcome: 'pending', details: pendingDetails });
  // Settling replaces `details`: keep what was recorded when the attempt started.
  const settle = (outcome: 'applied' | 'rejected' | 'unknown', extra: Record<string, unknown>) =>
    updateAuditOutcome(auditId, outcome, { details: { ...pendingDetails, ...extra } }).then(async () => {
      recordCorrectionOutcome(outcome);
      if (outcome === 'applied')
        await announceCorrectionApplied(appliedEvent(user, auditId, a.workOrderId, a.taskId, nameOf(task), { ...a.body, correctedValue: value }));
    });

  let corrected: Awaited<ReturnType<typeof deepomatic.correctTask>>;
  try {
    corrected = await deepomatic.correctTask(a.workOrderId, a.taskId, value, options);
  } catch (error) {
    return afterFailedPatch(ctx, { ...a, auditId, settle, task, value, error });
  }

  await settle('applied', { upstreamStatus: 200 });
  // The answer documents only `{id, state}`: the score (and every other task) comes from a re-read.
  const refreshed = await deepomatic.getWorkOrder(a.workOrderId, { includeInputs: true }, options).catch((error: unknown) => {
    logger.warn({ err: error, requestId: ctx.requestId }, 're-read after correction failed');
    return null;
  });
  const fallbackTask: Task = { ...task, state: completeState(task, corrected.state) };
  return {
    kind: 'ok',
    status: 200,
    body: await correctionResponse(ctx, {
      auditId,
      workOrderId: a.workOrderId,
      taskId: a.taskId,
      workOrder: refreshed,
      fallbackTask,
      fallbackScore: corrected.progress_score ?? estimatedScore(fresh, task, value),
      reconciled: false,
    }),
  };
}

/** What `correction.applied` tells webhook receivers. */
function appliedEvent(
  user: SessionUser,
  auditId: string,
  workOrderId: string,
  taskId: string,
  names: TaskName,
  body: CorrectionBody,
): CorrectionAppliedData {
  return { workOrderId, taskId, ...names, correctedValue: body.correctedValue, reason: body.reason, correctedBy: user.email, auditId };
}

/** The score after a correction when no re-read could tell it: the preview's own estimate. */
function estimatedScore(before: WorkOrder, task: Task, value: TaskValue): number {
  return previewCorrection(toWorkOrderDto(before), toTaskDto(task), value).scoreAfter;
}

async function correctionResponse(
  ctx: OperationContext,
  r: {
    auditId: string;
    workOrderId: string;
    taskId: string;
    workOrder: WorkOrder | null;
    fallbackTask: Task;
    fallbackScore: number;
    reconciled: boolean;
  },
): Promise<CorrectionResponse> {
  if (r.workOrder) {
    const dto = await presentWorkOrder(r.workOrder, ctx);
    const task = dto.taskGroups.flatMap((group) => group.tasks).find((candidate) => candidate.id === r.taskId);
    if (task) return { reconciled: r.reconciled, auditId: r.auditId, task, workOrder: dto, progressScore: dto.progressScore };
  }
  const lastCorrection = await lastEffectiveCorrection(r.workOrderId, nameOf(r.fallbackTask)).catch(() => null);
  return {
    reconciled: r.reconciled,
    auditId: r.auditId,
    task: toTaskDto(r.fallbackTask, lastCorrection),
    workOrder: null,
    progressScore: r.fallbackScore,
  };
}

/** Errors that prove the upstream refused the PATCH (nothing applied): no reconciliation. */
function definitiveRefusal(error: unknown): AppError | null {
  if (!isAppError(error)) return null;
  switch (error.code) {
    case 'task_not_analyzed':
      return new AppError('task_not_analyzed');
    case 'upstream_rejected':
      // The upstream refused the value itself (400 naming the field), so nothing changed.
      return new AppError('upstream_rejected', { fields: { correctedValue: 'rejected_upstream' } });
    case 'not_found':
      return new AppError('not_found');
    case 'upstream_auth_failed':
      return new AppError('upstream_auth_failed');
    default:
      return null;
  }
}

async function afterFailedPatch(
  ctx: OperationContext,
  f: Attempt & {
    auditId: string;
    settle: (outcome: 'applied' | 'rejected' | 'unknown', extra: Record<string, unknown>) => Promise<void>;
    task: Task;
    value: TaskValue;
    error: unknown;
  },
): Promise<StoredResponse> {
  const upstreamError = isAppError(f.error) ? f.error.code : 'network_error';
  const refusal = definitiveRefusal(f.error);
  if (refusal) {
    await f.settle('rejected', { upstreamError });
    return { kind: 'error', status: refusal.status, code: refusal.code, fields: refusal.fields };
  }

  // Ambiguous (5xx, timeout, connection lost, unreadable answer): the PATCH may or may not
  // have been applied. One reconciling read settles it; never a second PATCH. When no answer
  // came at all, the upstream may still apply it after this read: until the horizon has
  // passed, a read without the value proves nothing.
  logger.warn({ err: f.error, requestId: ctx.requestId, workOrderId: f.workOrderId, taskId: f.taskId }, 'correction outcome ambiguous, reconciling');
  const inFlightUntil = mayStillLand(f.error) ? new Date(Date.now() + inFlightHorizonMs()) : null;
  const inFlight = inFlightUntil ? { inFlightUntil: inFlightUntil.toISOString() } : {};
  const unknown = (): StoredResponse => ({
    kind: 'error',
    status: 504,
    code: 'outcome_unknown',
    details: { auditId: f.auditId },
    ...(inFlightUntil && { retryAfter: secondsUntil(inFlightUntil) }),
  });
  let after: WorkOrder;
  try {
    after = await deepomatic.getWorkOrder(f.workOrderId, { includeInputs: true }, callOptions(ctx));
  } catch (readError) {
    await f.settle('unknown', {
      upstreamError,
      reconcileError: isAppError(readError) ? readError.code : 'network_error',
      ...inFlight,
    });
    return unknown();
  }
  // By names: an application-version upgrade between the PATCH and this read changes the id.
  const name = nameOf(f.task);
  const current = after.tasks.find((candidate) => candidate.name === name.taskName && nameOf(candidate).taskGroupName === name.taskGroupName) ?? null;
  if (current && sameTaskValue(current.state?.corrected_value ?? null, f.value)) {
    await f.settle('applied', { upstreamError, reconciled: true, progressScore: after.progress_score });
    return {
      kind: 'ok',
      status: 200,
      body: await correctionResponse(ctx, {
        auditId: f.auditId,
        workOrderId: f.workOrderId,
        taskId: f.taskId,
        workOrder: after,
        fallbackTask: current,
        fallbackScore: after.progress_score,
        reconciled: true,
      }),
    };
  }
  if (inFlightUntil) {
    await f.settle('unknown', { upstreamError, valueNotSeenYet: true, ...inFlight });
    return unknown();
  }
  await f.settle('rejected', { upstreamError, reconciled: true });
  const currentDto: TaskDto | null = current ? toTaskDto(current) : null;
  return { kind: 'error', status: 502, code: 'correction_not_applied', details: { auditId: f.auditId, current: currentDto } };
}

/**
 * GET /api/work-orders/{id}/tasks/{taskId}/correction (viewer): every attempt, newest first.
 * The id in the URL comes from the browser's last read; it is resolved against the work order
 * as it is now (an id of another work order, or of an application version since replaced, is
 * a 404), and the history is then read by the task's names, so attempts made under earlier
 * ids are part of it.
 */
export const getCorrectionHistory = operation({
  role: 'viewer',
  scope: 'workOrder',
  input: { params: taskParams },
  abortable: true,
  async run({ input, ctx }): Promise<CorrectionHistoryDto> {
    const { id: workOrderId, taskId } = input.params;
    const current = await deepomatic.getWorkOrder(workOrderId, { includeInputs: false }, callOptions(ctx));
    const task = current.tasks.find((candidate) => candidate.id === taskId);
    if (!task) throw new AppError('not_found');
    const rows = await correctionRows(workOrderId, nameOf(task), 200);
    return { corrections: rows.map(toCorrectionSummary) };
  },
});
