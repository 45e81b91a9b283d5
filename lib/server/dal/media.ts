import 'server-only';
import { z } from 'zod';
import { deepomatic } from '@/lib/server/deepomatic';
import { fetchMedia } from '@/lib/server/deepomatic/media';
import { AppError, isAppError } from '@/lib/server/http/errors';
import { callOptions, type OperationContext } from './context';
import { forgetInputUrl, recallInputUrl, rememberInputUrls } from './input-urls';
import { operation } from './operation';
import { uuidParam } from './validation';

/**
 * Upstream images streamed through our authenticated routes: the browser never sees
 * an upstream or storage URL. Served as an inert document: `nosniff`, a sandboxing CSP,
 * `inline`, and private caching only (the signed upstream URL would expire anyway).
 */
export async function mediaResponse(url: string, ctx: OperationContext): Promise<Response> {
  const media = await fetchMedia(url, { signal: ctx.signal, requestId: ctx.requestId });
  const headers = new Headers({
    'Content-Type': media.contentType,
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "default-src 'none'; sandbox",
    'Content-Disposition': 'inline',
    'Cache-Control': 'private, max-age=300',
    'Cross-Origin-Resource-Policy': 'same-origin',
  });
  if (media.contentLength !== null) headers.set('Content-Length', String(media.contentLength));
  return new Response(media.body, { status: 200, headers });
}

/** GET /api/work-orders/{id}/inputs/{inputId}/image */
export const getInputImage = operation({
  role: 'viewer',
  scope: 'workOrder',
  input: { params: z.object({ id: uuidParam, inputId: uuidParam }) },
  abortable: true,
  async run({ input, ctx }): Promise<Response> {
    const { id: workOrderId, inputId } = input.params;
    const remembered = recallInputUrl(workOrderId, inputId);
    if (remembered) {
      try {
        return await mediaResponse(remembered, ctx);
      } catch (error) {
        // A signed URL may have expired early: fall back to a fresh read once.
        forgetInputUrl(workOrderId, inputId);
        if (!isAppError(error) || error.code !== 'not_found') throw error;
      }
    }
    const workOrder = await deepomatic.getWorkOrder(workOrderId, { includeInputs: true }, callOptions(ctx));
    rememberInputUrls(workOrderId, workOrder.inputs ?? []);
    const found = (workOrder.inputs ?? []).find((candidate) => String(candidate.id).toLowerCase() === inputId);
    if (!found || !found.url || found.type === 'pdf') throw new AppError('not_found');
    return mediaResponse(found.url, ctx);
  },
});
