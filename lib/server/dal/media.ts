import 'server-only';
import { deepomatic, isUuid, parseWorkOrderId } from '@/lib/server/deepomatic';
import { fetchMedia } from '@/lib/server/deepomatic/media';
import { AppError, isAppError } from '@/lib/server/http/errors';
import { requireRole } from './authorize';
import { callOptions, type OperationContext } from './context';
import { forgetInputUrl, recallInputUrl, rememberInputUrls } from './input-urls';

/**
 * Upstream images streamed through our authenticated routes (T19): the browser never sees
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

/** GET /api/work-orders/{id}/inputs/{inputId}/image (viewer). */
export async function getInputImage(ctx: OperationContext, rawWorkOrderId: unknown, rawInputId: unknown): Promise<Response> {
  await requireRole('viewer');
  const workOrderId = parseWorkOrderId(rawWorkOrderId);
  // Input ids are UUIDs like every other id of the API.
  if (!isUuid(rawInputId)) throw new AppError('invalid_id', { fields: { inputId: 'invalid_format' } });
  const inputId = rawInputId.toLowerCase();
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
  const input = (workOrder.inputs ?? []).find((candidate) => String(candidate.id).toLowerCase() === inputId);
  if (!input || !input.url || input.type === 'pdf') throw new AppError('not_found');
  return mediaResponse(input.url, ctx);
}
