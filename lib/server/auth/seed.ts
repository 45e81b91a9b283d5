import 'server-only';
import { eq } from 'drizzle-orm';
import { recordAudit } from '@/lib/server/audit';
import type { Db } from '@/lib/server/db/client';
import { users } from '@/lib/server/db/schema';
import type { Role } from '@/lib/shared/roles';
import { demoPassword } from './config';
import { hashPassword, verifyPassword } from './password';
import { findUserByEmail, normalizeEmail } from './users';

export const DEMO_USERS: ReadonlyArray<{ email: string; name: string; role: Role }> = [
  { email: 'admin@demo.test', name: 'Ada Admin', role: 'admin' },
  { email: 'supervisor@demo.test', name: 'Sam Supervisor', role: 'supervisor' },
  { email: 'viewer@demo.test', name: 'Val Viewer', role: 'viewer' },
];

/**
 * Creates the three demo users, or brings them back to their demo role, password and
 * enabled state. Idempotent: running it twice changes nothing the second time.
 */
export async function seedDemoUsers(db: Db, password = demoPassword()): Promise<void> {
  for (const demo of DEMO_USERS) {
    const existing = await findUserByEmail(db, demo.email);
    if (!existing) {
      // Instances sharing a database start together: the one whose insert loses the race leaves it be.
      const inserted = await db
        .insert(users)
        .values({ ...demo, passwordHash: await hashPassword(password) })
        .onConflictDoNothing()
        .returning({ id: users.id });
      if (inserted.length === 0) continue;
      await recordAudit(
        { action: 'user_created', actorEmail: demo.email, after: { email: demo.email, role: demo.role }, details: { via: 'demo_seed' } },
        db,
      );
      continue;
    }
    const passwordOk = await verifyPassword(existing.passwordHash, password);
    if (passwordOk && existing.role === demo.role && !existing.disabledAt) continue;
    await db
      .update(users)
      .set({
        role: demo.role,
        disabledAt: null,
        passwordHash: passwordOk ? existing.passwordHash : await hashPassword(password),
        updatedAt: new Date(),
      })
      .where(eq(users.id, existing.id));
  }
}

/**
 * `ADMIN_EMAIL` + `ADMIN_PASSWORD`: creates the first admin of a production install if that
 * email has no account yet. Never changes an existing account (the admin page owns that).
 */
export async function bootstrapAdmin(
  db: Db,
  email = process.env.ADMIN_EMAIL,
  password = process.env.ADMIN_PASSWORD,
): Promise<'created' | 'exists' | 'skipped'> {
  if (!email || !password) return 'skipped';
  const normalized = normalizeEmail(email);
  if (await findUserByEmail(db, normalized)) return 'exists';
  // Several instances may start together on an empty database: one creates the admin, the
  // others find it created (a unique violation here would stop their start-up).
  const inserted = await db
    .insert(users)
    .values({ email: normalized, name: null, role: 'admin', passwordHash: await hashPassword(password) })
    .onConflictDoNothing()
    .returning({ id: users.id });
  if (inserted.length === 0) return 'exists';
  await recordAudit(
    { action: 'user_created', actorEmail: normalized, after: { email: normalized, role: 'admin' }, details: { via: 'ADMIN_EMAIL' } },
    db,
  );
  return 'created';
}
