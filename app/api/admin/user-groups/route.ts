import { listUserGroups } from '@/lib/server/dal/user-groups';
import { handler, routeMethods } from '@/lib/server/http/route';

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  /** GET /api/admin/user-groups (admin) → `{ groups: UserGroupDto[] }`. */
  GET: handler(async (route) => ({ groups: await route.run(listUserGroups) })),
});
