import { operationContext } from '@/lib/server/dal/context';
import { listTaskGroups } from '@/lib/server/dal/task-groups';
import { handler } from '@/lib/server/http/route';

/** GET /api/task-groups (viewer) → `{ taskGroups: TaskGroupDefinitionDto[] }` sorted by order. */
export const GET = handler(async (ctx) => ({ taskGroups: await listTaskGroups(operationContext(ctx)) }));
