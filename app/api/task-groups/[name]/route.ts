import { operationContext } from '@/lib/server/dal/context';
import { getTaskGroup } from '@/lib/server/dal/task-groups';
import { handler } from '@/lib/server/http/route';

/** GET /api/task-groups/{name} (viewer) → `TaskGroupDefinitionDto`. */
export const GET = handler<{ name: string }>(async (ctx) => getTaskGroup(operationContext(ctx), ctx.params.name));
