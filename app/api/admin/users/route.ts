import { requireRole } from '@/lib/server/dal/authorize';
import { createUser, listUsers } from '@/lib/server/dal/users';
import { handler } from '@/lib/server/http/route';

/** GET /api/admin/users — every user (admin only). */
export const GET = handler(async () => {
  await requireRole('admin');
  return { users: await listUsers() };
});

/** POST /api/admin/users `{email, name?, role, password?}` — create or invite (admin only). */
export const POST = handler(async ({ json, requestId }) => {
  const admin = await requireRole('admin');
  const user = await createUser(admin, await json(), requestId);
  return Response.json({ user }, { status: 201 });
}, { maxBodyBytes: 4096 });
