import 'server-only';
import { upstreamRequest } from './http';
import { paths } from './ids';
import { parseInput } from '@/lib/server/http/field-errors';
import { analyzeInputSchema, callbackUrlSchema, type AnalyzeInput } from './requests';
import { analyzeCallbackAcceptedSchema, analyzeResultSchema } from './schemas';
import type { AnalyzeCallbackAccepted, AnalyzeResult, CallOptions } from './types';

/** Analysis endpoints (`analyze/` and its callback variant). Never retried once sent: an analysis costs. */

/** `POST /work-orders/{id}/analyze/` — synchronous; `language` picks the conformity messages' language. */
export async function analyze(id: string, body: AnalyzeInput, options?: CallOptions): Promise<AnalyzeResult> {
  const path = paths.analyze(id);
  const input = parseInput(analyzeInputSchema, body);
  return upstreamRequest({ method: 'POST', path, body: analyzeBody(input), schema: analyzeResultSchema, budget: 'analyze' }, options);
}

/** `POST /work-orders/{id}/analyze/callback/` → 202; the result is POSTed to `callbackUrl` later. */
export async function analyzeWithCallback(
  id: string,
  body: AnalyzeInput,
  callbackUrl: string,
  options?: CallOptions,
): Promise<AnalyzeCallbackAccepted> {
  const path = paths.analyzeCallback(id);
  const input = parseInput(analyzeInputSchema, body);
  const callback_url = parseInput(callbackUrlSchema, callbackUrl);
  return upstreamRequest(
    {
      method: 'POST',
      path,
      body: { ...analyzeBody(input), callback_url },
      schema: analyzeCallbackAcceptedSchema,
      budget: 'write',
    },
    options,
  );
}

function analyzeBody(input: ReturnType<typeof analyzeInputSchema.parse>) {
  return {
    task_group_name: input.task_group_name,
    inputs: input.inputs.map((item) => ('image' in item ? { image: { source: item.image.source } } : { pdf: { source: item.pdf.source } })),
  };
}
