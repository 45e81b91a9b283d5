import 'server-only';
import { getServerSession } from 'next-auth';
import { headers } from 'next/headers';
import { cache } from 'react';
import { recordAudit } from '@/lib/server/audit';
import { authOptions, isSessionUnreadable } from '@/lib/server/auth/options';
import { isUserId, type SessionUser } from '@/lib/server/auth/users';
import { AppError } from '@/lib/server/http/errors';
import { getRequestId } from '@/lib/server/http/request-context';
import { isRole, roleAtLeast, type Role } from '@/lib/shared/roles';
import { parseScope } from '@/lib/shared/work-order-scope';

export type { SessionUser };

/**
 * The signed-in user, read from the database on every call (the session's `jwt` callback
 * re-loads the user and checks disabled / revoked / absolute lifetime). Throws 401
 * `unauthenticated` otherwise, and 503 `database_unavailable` when the user could not be
 * read. Never trusts a role carried by the token or the client.
 * Deduplicated within one server render (layout + page + DAL calls share one database read);
 * every new request reads again.
 */
export const requireUser = cache(async function requireUser(): Promise<SessionUser> {
  const session = await getServerSession(authOptions);
  // The database did not answer while the session was read: an outage (503), not a sign-out.
  if (isSessionUnreadable(session)) throw new AppError('database_unavailable');
  const user = session?.user as Partial<SessionUser> | undefined;
  if (user && isUserId(user.id) && typeof user.email === 'string' && isRole(user.role)) {
    // The scope was computed from the user row by this same request's session read.
    return { id: user.id, email: user.email, name: user.name ?? null, role: user.role, scope: parseScope(user.scope) };
  }
  throw new AppError('unauthenticated');
});

/**
 * `requireUser()` plus a minimum role. A refusal is a 403 `forbidden` and an `authz_denied`
 * audit row: every failed authorization is logged (OWASP ASVS 16.3.2).
 */
export async function requireRole(min: Role): Promise<SessionUser> {
  const user = await requireUser();
  if (roleAtLeast(user.role, min)) return user;
  const requestHeaders = await headers();
  const requestId = await getRequestId();
  await recordAudit({
    action: 'authz_denied',
    actorId: user.id,
    actorEmail: user.email,
    outcome: 'denied',
    requestId,
    details: { role: user.role, required: min, path: requestHeaders.get('x-pathname') ?? undefined },
  });
  throw new AppError('forbidden');
}
