import { operationContext } from '@/lib/server/dal/context';
import { getInputImage } from '@/lib/server/dal/media';
import { handler } from '@/lib/server/http/route';

/** GET /api/work-orders/{id}/inputs/{inputId}/image (viewer): the input photo, streamed. */
export const GET = handler<{ id: string; inputId: string }>(async (ctx) =>
  getInputImage(operationContext(ctx), ctx.params.id, ctx.params.inputId),
);
