import 'server-only';
import { AppError } from '@/lib/server/http/errors';
import { correctionWireValue } from '@/lib/shared/task-value';
import { upstreamRequest } from './http';
import { paths } from './ids';
import { parseInput } from '@/lib/server/http/field-errors';
import { correctedValueSchema, type CorrectedValue } from './requests';
import { correctionResultSchema } from './schemas';
import type { CallOptions, CorrectionResult } from './types';

/**
 * `PATCH /work-orders/{id}/tasks/{task_id}/correction/`. The answer documents `{id, state}`
 * only: callers re-read the work order for its score. A correction is definitive
 * upstream and PATCH is not idempotent, so it is sent at most once unless the connection
 * provably never opened; the caller reconciles an ambiguous failure with a GET. Do not pass
 * the browser's abort signal: once sent, the outcome must be recorded.
 */
export async function correctTask(id: string, taskId: string, correctedValue: CorrectedValue, options?: CallOptions): Promise<CorrectionResult> {
  const path = paths.correction(id, taskId);
  // Checked typed, sent as the API documents it: a string compatible with the task type
  // ("true"/"false", the number as decimal text, the text as it is).
  const corrected_value = correctionWireValue(parseInput(correctedValueSchema, correctedValue));
  return upstreamRequest(
    {
      method: 'PATCH',
      path,
      body: { corrected_value },
      schema: correctionResultSchema,
      budget: 'write',
      // A 400 naming no field is the business refusal "task not analysed yet": the API
      // refuses to correct a task that was never analysed.
      onRejected: ({ status, fields, hasDetail }) =>
        status === 400 && fields.length === 0 && hasDetail ? new AppError('task_not_analyzed') : undefined,
    },
    options,
  );
}
