import { operationContext } from '@/lib/server/dal/context';
import { listTaskGroups } from '@/lib/server/dal/task-groups';
import { handler, methodNotAllowed } from '@/lib/server/http/route';

/** GET /api/task-groups (viewer) → `{ taskGroups: TaskGroupDefinitionDto[] }` sorted by order. */
export const GET = handler(async (ctx) => ({ taskGroups: await listTaskGroups(operationContext(ctx)) }));

// Every other method: 405 in our error shape, with `Allow` (T11).
const notAllowed = methodNotAllowed(['GET']);
export const POST = notAllowed;
export const PUT = notAllowed;
export const PATCH = notAllowed;
export const DELETE = notAllowed;
