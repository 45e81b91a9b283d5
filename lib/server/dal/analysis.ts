import 'server-only';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit, updateAuditOutcome } from '@/lib/server/audit';
import { appUrl } from '@/lib/server/auth/config';
import { getDb } from '@/lib/server/db/client';
import { analyses, type AnalysisRow } from '@/lib/server/db/schema';
import { deepomatic, isTaskGroupName, isUuid, parseCallbackPayload } from '@/lib/server/deepomatic';
import type { AnalyzeInput } from '@/lib/server/deepomatic';
import { AppError, isAppError } from '@/lib/server/http/errors';
import { logger } from '@/lib/server/logger';
import type { AnalysisDto, AnalysisPendingDto, AnalysisResultDto, AnalyzeResponse } from '@/lib/shared/work-order-dto';
import { analysisCallbackUrl, verifyAnalysisSignature } from './callback-signature';
import { callOptions, type OperationContext } from './context';
import { toAnalysisResultDto, toWorkOrderDto } from './mappers';
import { refreshIndexRow } from './reindex';
import { decodeUpload, type Upload } from './upload';
import { operation } from './operation';
import { uuidParam, workOrderParams } from './validation';
import { presentWorkOrder } from './work-orders';

export const analyzeRequestSchema = z.strictObject({
  taskGroupName: z.string().refine(isTaskGroupName, { message: 'invalid_format' }),
  source: z.string().min(1).max(12_000_000),
});

function upstreamBody(taskGroupName: string, upload: Upload): AnalyzeInput {
  const input = upload.kind === 'pdf' ? { pdf: { source: upload.dataUri } } : { image: { source: upload.dataUri } };
  return { task_group_name: taskGroupName, inputs: [input] };
}

/** POST /api/work-orders/{id}/analyze: synchronous analysis in the user's language. */
export const analyzeWorkOrder = operation({
  role: 'supervisor',
  scope: 'workOrder',
  input: { params: workOrderParams, body: analyzeRequestSchema },
  async run({ user, input, ctx }): Promise<AnalyzeResponse> {
    const { id } = input.params;
    const { taskGroupName } = input.body;
    const upload = decodeUpload(input.body.source);
    // Not tied to the browser (a write gets no abort signal): an analysis that was sent is paid
    // for, so its result is kept.
    const options = callOptions(ctx);
    const auditBase = {
      actorId: user.id,
      actorEmail: user.email,
      action: 'analysis',
      workOrderId: id,
      requestId: ctx.requestId,
    };
    const requested = { taskGroupName, type: upload.mime, bytes: upload.bytes };
    // The row comes first, settled after: an analysis sent upstream is never without its row.
    const { id: auditId } = await recordAudit({ ...auditBase, outcome: 'pending', details: requested });
    let answer: Awaited<ReturnType<typeof deepomatic.analyze>>;
    try {
      answer = await deepomatic.analyze(id, upstreamBody(taskGroupName, upload), options);
    } catch (error) {
      await settle(auditId, 'failed', { ...requested, error: isAppError(error) ? error.code : 'internal_error' }, ctx);
      throw error;
    }
    // The answer carries no score we rely on (nor, on some sites, a status): the work order is
    // read again, and the outcome and score come from that read.
    const workOrder = await deepomatic
      .getWorkOrder(id, { includeInputs: true }, options)
      .then((fresh) => presentWorkOrder(fresh, ctx))
      .catch((error: unknown) => {
        logger.warn({ err: error, requestId: ctx.requestId, workOrderId: id }, 're-read after analysis failed');
        return null;
      });
    const result = toAnalysisResultDto(id, answer, workOrder);
    await settle(auditId, 'succeeded', { ...requested, status: result.status, inputId: result.input?.id ?? null }, ctx);
    return { result, workOrder };
  },
});

/**
 * POST /api/work-orders/{id}/analyze/callback → 202. Stores a pending analysis,
 * hands the upstream a signed callback URL, and lets the browser poll the analysis.
 */
export const startCallbackAnalysis = operation({
  role: 'supervisor',
  scope: 'workOrder',
  input: { params: workOrderParams, body: analyzeRequestSchema },
  async run({ user, input, ctx }): Promise<AnalysisPendingDto> {
    const { id } = input.params;
    const { taskGroupName } = input.body;
    const upload = decodeUpload(input.body.source);
    const db = await getDb();
    const [row] = await db
      .insert(analyses)
      .values({ workOrderId: id, taskGroupName, requestedBy: user.id, requestedByEmail: user.email, requestId: ctx.requestId })
      .returning();
    const origin = process.env.ANALYSIS_CALLBACK_ORIGIN || appUrl();
    const auditBase = { actorId: user.id, actorEmail: user.email, action: 'analysis.requested', workOrderId: id, requestId: ctx.requestId };
    const { id: auditId } = await recordAudit({ ...auditBase, outcome: 'pending', details: { analysisId: row.id, taskGroupName } });
    try {
      const accepted = await deepomatic.analyzeWithCallback(
        id,
        upstreamBody(taskGroupName, upload),
        analysisCallbackUrl(row.id, origin),
        callOptions(ctx),
      );
      await db.update(analyses).set({ upstreamAnalysisId: accepted.analysis_id }).where(eq(analyses.id, row.id));
    } catch (error) {
      await db.delete(analyses).where(eq(analyses.id, row.id));
      await settle(auditId, 'failed', { analysisId: row.id, taskGroupName, error: isAppError(error) ? error.code : 'internal_error' }, ctx);
      throw error;
    }
    await settle(auditId, 'succeeded', { analysisId: row.id, taskGroupName, type: upload.mime, bytes: upload.bytes }, ctx);
    return { analysisId: row.id, status: 'pending' };
  },
});

/**
 * Settles an analysis's pending audit row. The upstream call is over whatever happens here: a
 * settlement that fails leaves the row pending (an operator sees it) and is only logged.
 */
async function settle(auditId: string, outcome: 'succeeded' | 'failed', details: Record<string, unknown>, ctx: OperationContext): Promise<void> {
  await updateAuditOutcome(auditId, outcome, { details }).catch((error: unknown) =>
    logger.error({ err: error, requestId: ctx.requestId, auditId }, 'audit settlement failed'),
  );
}

function toAnalysisDto(row: AnalysisRow): AnalysisDto {
  return {
    analysisId: row.id,
    workOrderId: row.workOrderId,
    taskGroupName: row.taskGroupName,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    completedAt: row.completedAt ? row.completedAt.toISOString() : null,
    result: (row.result as AnalysisResultDto | null) ?? null,
  };
}

/** GET /api/work-orders/{id}/analyses/{analysisId} */
export const getAnalysis = operation({
  role: 'viewer',
  scope: 'workOrder',
  input: { params: z.object({ id: uuidParam, analysisId: uuidParam }) },
  async run({ input }): Promise<AnalysisDto> {
    const db = await getDb();
    const [row] = await db
      .select()
      .from(analyses)
      .where(and(eq(analyses.id, input.params.analysisId), eq(analyses.workOrderId, input.params.id)));
    if (!row) throw new AppError('not_found');
    return toAnalysisDto(row);
  },
});

/**
 * POST /api/callbacks/analysis/{analysisId}?sig=… — called by the upstream, not by a user, so
 * not an `operation()`: there is no session, and the HMAC in the URL, checked first, is the
 * authentication; the body is read only after it. Idempotent (the upstream retries): a
 * completed analysis stays as first stored.
 */
export async function receiveAnalysisCallback(
  requestId: string,
  rawAnalysisId: unknown,
  signature: string | null,
  body: () => Promise<unknown>,
): Promise<void> {
  if (!isUuid(rawAnalysisId)) throw new AppError('not_found');
  const analysisId = rawAnalysisId.toLowerCase();
  if (!verifyAnalysisSignature(analysisId, signature)) {
    logger.warn({ requestId, analysisId }, 'analysis callback with a bad signature refused');
    throw new AppError('forbidden');
  }
  const parsed = parseCallbackPayload(await body());
  if (!parsed.success) throw new AppError('invalid_body');
  const payload = parsed.data;

  const db = await getDb();
  const [row] = await db.select().from(analyses).where(eq(analyses.id, analysisId));
  if (!row) throw new AppError('not_found');
  if (payload.work_order_id.toLowerCase() !== row.workOrderId) {
    throw new AppError('validation_failed', { fields: { work_order_id: 'invalid' } });
  }
  if (row.upstreamAnalysisId && String(payload.analysis_id) !== row.upstreamAnalysisId) {
    throw new AppError('validation_failed', { fields: { analysis_id: 'invalid' } });
  }
  if (row.status === 'completed') return;

  // As for a synchronous analysis: the outcome and score come from the work order read again.
  const workOrder = await deepomatic.getWorkOrder(row.workOrderId, { includeInputs: false }, { requestId }).catch((error: unknown) => {
    logger.warn({ err: error, requestId, workOrderId: row.workOrderId }, 're-read after analysis callback failed');
    return null;
  });
  const result = toAnalysisResultDto(row.workOrderId, payload, workOrder ? toWorkOrderDto(workOrder) : null);
  const updated = await db
    .update(analyses)
    .set({ status: 'completed', result, completedAt: new Date(), upstreamAnalysisId: String(payload.analysis_id) })
    .where(and(eq(analyses.id, analysisId), eq(analyses.status, 'pending')))
    .returning({ id: analyses.id });
  if (updated.length === 0) return; // a concurrent delivery won

  await recordAudit({
    actorId: row.requestedBy,
    actorEmail: row.requestedByEmail,
    action: 'analysis',
    workOrderId: row.workOrderId,
    outcome: 'succeeded',
    requestId,
    details: { analysisId, taskGroupName: row.taskGroupName, status: result.status, inputId: result.input?.id ?? null, via: 'callback' },
  });
  if (workOrder) await refreshIndexRow(workOrder, requestId);
}
