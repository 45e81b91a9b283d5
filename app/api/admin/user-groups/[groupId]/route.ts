import { nameUserGroup } from '@/lib/server/dal/user-groups';
import { handler, routeMethods } from '@/lib/server/http/route';

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  /** PUT /api/admin/user-groups/{groupId} (admin) `{name}` → `{ id, name }`. */
  PUT: handler((route) => route.run(nameUserGroup), { maxBodyBytes: 2048 }),
});
