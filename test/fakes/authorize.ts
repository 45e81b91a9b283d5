/**
 * Stand-in for `@/lib/server/dal/authorize` in the DAL integration tests: the signed-in user
 * is whatever the test puts in `session.user` (no next-auth, no cookies), and a role below the
 * minimum is refused with the same `authz_denied` audit row and 403 as the real module.
 * Use: `vi.mock('@/lib/server/dal/authorize', () => import('@/test/fakes/authorize'))`,
 * then `import { session } from '@/test/fakes/authorize'` — the mock and the test share this one module.
 */
import { recordAudit } from '@/lib/server/audit';
import type { SessionUser } from '@/lib/server/auth/users';
import { AppError } from '@/lib/server/http/errors';
import { roleAtLeast, type Role } from '@/lib/shared/roles';

export type { SessionUser };

export const session: { user: SessionUser | null } = { user: null };

export async function requireUser(): Promise<SessionUser> {
  if (!session.user) throw new AppError('unauthenticated');
  return session.user;
}

export async function requireRole(min: Role): Promise<SessionUser> {
  const user = await requireUser();
  if (roleAtLeast(user.role, min)) return user;
  await recordAudit({ action: 'authz_denied', actorId: user.id, actorEmail: user.email, outcome: 'denied', details: { required: min } });
  throw new AppError('forbidden');
}
