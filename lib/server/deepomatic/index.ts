import 'server-only';
import { isAppError } from '@/lib/server/http/errors';
import { analyze, analyzeWithCallback } from './analysis';
import { DeepomaticConfigError, getDeepomaticConfig } from './config';
import { correctTask } from './corrections';
import { getBreakerState, parseNoting, upstreamRequest } from './http';
import { paths } from './ids';
import { analysisCallbackPayloadSchema, taskGroupListSchema } from './schemas';
import { getTaskGroup, listTaskGroups } from './task-groups';
import type { UpstreamHealth } from './types';
import {
  createWorkOrder,
  deleteWorkOrder,
  getTimeline,
  getWorkOrder,
  listWorkOrders,
  patchMetadata,
  replaceMetadata,
  replaceWorkOrder,
  updateWorkOrder,
} from './work-orders';

/**
 * The typed Deepomatic Field Services v0.2 client: one function per endpoint, each taking
 * a last optional `{ language, requestId, signal }`, returning zod-parsed objects and
 * throwing only `AppError`s (or the caller's own abort reason).
 */
export const deepomatic = {
  listWorkOrders,
  getWorkOrder,
  createWorkOrder,
  updateWorkOrder,
  replaceWorkOrder,
  deleteWorkOrder,
  patchMetadata,
  replaceMetadata,
  getTimeline,
  listTaskGroups,
  getTaskGroup,
  analyze,
  analyzeWithCallback,
  correctTask,
} as const;

/**
 * Health of the upstream for `GET /api/health`: one cheap read (the task-group list, no
 * retry, normal deadline), its latency and the breaker state. No URL, key or upstream text.
 */
export async function checkUpstream(options: { requestId?: string; signal?: AbortSignal } = {}): Promise<UpstreamHealth> {
  try {
    getDeepomaticConfig();
  } catch (error) {
    if (error instanceof DeepomaticConfigError) {
      return { ok: false, configured: false, latencyMs: null, breaker: 'closed', error: 'not_configured' };
    }
    throw error;
  }
  const started = performance.now();
  try {
    await upstreamRequest({ method: 'GET', path: paths.taskGroups(), schema: taskGroupListSchema, attempts: 1 }, options);
    return { ok: true, configured: true, latencyMs: Math.round(performance.now() - started), breaker: getBreakerState() };
  } catch (error) {
    return {
      ok: false,
      configured: true,
      latencyMs: Math.round(performance.now() - started),
      breaker: getBreakerState(),
      error: isAppError(error) ? error.code : 'aborted',
    };
  }
}

/**
 * Parses what the upstream POSTed to our analysis callback (either analysis shape), logging
 * once which optional fields it lacks, like every other answer.
 */
export function parseCallbackPayload(body: unknown) {
  return parseNoting(analysisCallbackPayloadSchema, body, 'analysis callback');
}

export { isTaskGroupName, isUuid, parseTaskGroupName, parseTaskId, parseWorkOrderId } from './ids';
export { ignoresUpdatedAfter } from './list-probes';
export { analysisCallbackPayloadSchema } from './schemas';
export type * from './types';
export type {
  AnalyzeInput,
  CorrectedValue,
  CreateWorkOrderInput,
  ListWorkOrdersParams,
  MetadataInput,
  ReplaceWorkOrderInput,
  UpdateWorkOrderInput,
} from './requests';
