import { listTaskGroups } from '@/lib/server/dal/task-groups';
import { handler, routeMethods } from '@/lib/server/http/route';

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  /** GET /api/task-groups (viewer) → `{ taskGroups: TaskGroupDefinitionDto[] }` sorted by order. */
  GET: handler(async (route) => ({ taskGroups: await route.run(listTaskGroups) })),
});
