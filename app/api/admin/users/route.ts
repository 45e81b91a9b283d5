import { createUser, listUsers } from '@/lib/server/dal/users';
import { jsonResponse } from '@/lib/server/http/error-response';
import { handler, routeMethods } from '@/lib/server/http/route';

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  /** GET /api/admin/users — every user (admin only). */
  GET: handler(async (route) => ({ users: await route.run(listUsers) })),
  /** POST /api/admin/users `{email, name?, role, password?}` — create or invite (admin only). */
  POST: handler(async (route) => jsonResponse({ user: await route.run(createUser) }, { status: 201 }), { maxBodyBytes: 4096 }),
});
