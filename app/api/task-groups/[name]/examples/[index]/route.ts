import { operationContext } from '@/lib/server/dal/context';
import { getTaskGroupExample } from '@/lib/server/dal/task-groups';
import { handler } from '@/lib/server/http/route';

/** GET /api/task-groups/{name}/examples/{index} (viewer): the example photo, streamed. */
export const GET = handler<{ name: string; index: string }>(async (ctx) =>
  getTaskGroupExample(operationContext(ctx), ctx.params.name, ctx.params.index),
);
