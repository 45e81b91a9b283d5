import { operationContext } from '@/lib/server/dal/context';
import { getInputImage } from '@/lib/server/dal/media';
import { handler, methodNotAllowed } from '@/lib/server/http/route';

/** GET /api/work-orders/{id}/inputs/{inputId}/image (viewer): the input photo, streamed. */
export const GET = handler<{ id: string; inputId: string }>(async (ctx) =>
  getInputImage(operationContext(ctx), ctx.params.id, ctx.params.inputId),
);

// Every other method: 405 in our error shape, with `Allow` (T11).
const notAllowed = methodNotAllowed(['GET']);
export const POST = notAllowed;
export const PUT = notAllowed;
export const PATCH = notAllowed;
export const DELETE = notAllowed;
