import 'server-only';
import { eq } from 'drizzle-orm';
import type { Db } from '@/lib/server/db/client';
import { users, type UserRow } from '@/lib/server/db/schema';
import type { Role } from '@/lib/shared/roles';
import { scopeOf, type WorkOrderScope } from '@/lib/shared/work-order-scope';

/** Who is signed in, as every server layer sees it — always read from the database. */
export interface SessionUser {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  /** The work orders this user may see and act on (their teams), from the user row. */
  scope: WorkOrderScope;
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** A deliberately loose shape check; the IdP or the admin is the authority on addresses. */
export function isPlausibleEmail(email: string): boolean {
  return email.length <= 254 && /^[^\s@]+@[^\s@]+$/.test(email);
}

export function toSessionUser(row: UserRow): SessionUser {
  return { id: row.id, email: row.email, name: row.name, role: row.role, scope: scopeOf(row) };
}

export async function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  const [row] = await db
    .select()
    .from(users)
    .where(eq(users.email, normalizeEmail(email)))
    .limit(1);
  return row;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUserId(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

export async function findUserById(db: Db, id: string): Promise<UserRow | undefined> {
  if (!isUserId(id)) return undefined;
  const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return row;
}

/** Ends every session of the user issued before now (sign-out, disable, role change). */
export async function revokeSessions(db: Db, userId: string, now = new Date()): Promise<void> {
  await db.update(users).set({ sessionsValidAfter: now, updatedAt: now }).where(eq(users.id, userId));
}

/**
 * Why a session token (issued at `authTime`, ms) no longer stands for `user`, or null if it
 * does: missing or disabled user, revoked by `sessionsValidAfter`, or past the absolute limit.
 */
export function sessionProblem(
  user: UserRow | undefined,
  authTime: unknown,
  absoluteSeconds: number,
  now = Date.now(),
): 'unknown_user' | 'disabled' | 'revoked' | 'expired' | null {
  if (!user) return 'unknown_user';
  if (user.disabledAt) return 'disabled';
  if (typeof authTime !== 'number' || !Number.isFinite(authTime)) return 'expired';
  if (now - authTime > absoluteSeconds * 1000) return 'expired';
  if (authTime <= user.sessionsValidAfter.getTime()) return 'revoked';
  return null;
}
