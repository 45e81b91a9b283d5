import { operationContext } from '@/lib/server/dal/context';
import { getTaskGroupExample } from '@/lib/server/dal/task-groups';
import { handler, methodNotAllowed } from '@/lib/server/http/route';

/** GET /api/task-groups/{name}/examples/{index} (viewer): the example photo, streamed. */
export const GET = handler<{ name: string; index: string }>(async (ctx) =>
  getTaskGroupExample(operationContext(ctx), ctx.params.name, ctx.params.index),
);

// Every other method: 405 in our error shape, with `Allow` (T11).
const notAllowed = methodNotAllowed(['GET']);
export const POST = notAllowed;
export const PUT = notAllowed;
export const PATCH = notAllowed;
export const DELETE = notAllowed;
