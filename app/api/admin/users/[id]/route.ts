import { getUser, updateUser } from '@/lib/server/dal/users';
import { handler, routeMethods } from '@/lib/server/http/route';

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  /** GET /api/admin/users/:id (admin only). */
  GET: handler(async (route) => ({ user: await route.run(getUser) })),
  /** PATCH /api/admin/users/:id `{name?, role?, disabled?, password?}` (admin only). */
  PATCH: handler(async (route) => ({ user: await route.run(updateUser) }), { maxBodyBytes: 4096 }),
});
