import { requireRole } from '@/lib/server/dal/authorize';
import { getUser, updateUser } from '@/lib/server/dal/users';
import { handler } from '@/lib/server/http/route';

type Params = { id: string };

/** GET /api/admin/users/:id (admin only). */
export const GET = handler<Params>(async ({ params }) => {
  await requireRole('admin');
  return { user: await getUser(params.id) };
});

/** PATCH /api/admin/users/:id `{name?, role?, disabled?, password?}` (admin only). */
export const PATCH = handler<Params>(async ({ params, json, requestId }) => {
  const admin = await requireRole('admin');
  return { user: await updateUser(admin, params.id, await json(), requestId) };
}, { maxBodyBytes: 4096 });
