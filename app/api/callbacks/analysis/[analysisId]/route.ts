import type { NextRequest } from 'next/server';
import { receiveAnalysisCallback } from '@/lib/server/dal/analysis';
import { readJsonBody } from '@/lib/server/http/body';
import { errorResponse, NO_STORE } from '@/lib/server/http/error-response';
import { AppError } from '@/lib/server/http/errors';
import { REQUEST_ID_HEADER, requestIdFrom } from '@/lib/server/http/request-context';
import { routeMethods } from '@/lib/server/http/route';

/** An analysis result is small JSON: conformity messages and the touched tasks' states. */
const MAX_CALLBACK_BYTES = 1024 * 1024;

/**
 * POST /api/callbacks/analysis/{analysisId}?sig=… — called by the Deepomatic upstream when
 * an analysis sent with a callback finished. No session and no Origin (a server calls it), so
 * not wrapped by `handler()`'s CSRF check: the HMAC signature in the URL, checked in constant
 * time by the DAL before the body is read, is what authenticates it.
 */
async function receive(req: NextRequest, context: { params: Promise<{ analysisId: string }> }): Promise<Response> {
  const requestId = requestIdFrom(req.headers.get(REQUEST_ID_HEADER));
  try {
    const contentType = req.headers.get('content-type') ?? '';
    if (!/^application\/json\s*(;|$)/i.test(contentType)) throw new AppError('unsupported_media_type');
    const { analysisId } = await context.params;
    await receiveAnalysisCallback(requestId, analysisId, req.nextUrl.searchParams.get('sig'), () => readJsonBody(req, MAX_CALLBACK_BYTES));
    return new Response(null, { status: 204, headers: { 'cache-control': NO_STORE, [REQUEST_ID_HEADER]: requestId } });
  } catch (error) {
    return errorResponse(error, { requestId, locale: 'en', method: req.method, path: '/api/callbacks/analysis/[analysisId]' });
  }
}

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({ POST: receive });
