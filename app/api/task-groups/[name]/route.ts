import { operationContext } from '@/lib/server/dal/context';
import { getTaskGroup } from '@/lib/server/dal/task-groups';
import { handler, methodNotAllowed } from '@/lib/server/http/route';

/** GET /api/task-groups/{name} (viewer) → `TaskGroupDefinitionDto`. */
export const GET = handler<{ name: string }>(async (ctx) => getTaskGroup(operationContext(ctx), ctx.params.name));

// Every other method: 405 in our error shape, with `Allow` (T11).
const notAllowed = methodNotAllowed(['GET']);
export const POST = notAllowed;
export const PUT = notAllowed;
export const PATCH = notAllowed;
export const DELETE = notAllowed;
