import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Db } from '@/lib/server/db/client';
import { auditLog, users } from '@/lib/server/db/schema';
import { createTestDb } from '@/test/harness/db';
import { authorizeCredentials } from './credentials';
import { bootstrapAdmin, DEMO_USERS, seedDemoUsers } from './seed';

// PGlite start-up and argon2 are CPU-bound; a shared, busy machine must not fail the suite.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 60_000 });

let db: Db;
let close: () => Promise<void>;
beforeAll(async () => ({ db, close } = await createTestDb()), 60_000);
afterAll(async () => close());

describe('demo seed', () => {
  it('creates the three demo users once, and is idempotent', async () => {
    await seedDemoUsers(db, 'demo-password-1');
    const first = await db.select().from(users);
    await seedDemoUsers(db, 'demo-password-1');
    const second = await db.select().from(users);
    expect(second).toHaveLength(3);
    expect(second.map((row) => [row.email, row.role]).sort()).toEqual(DEMO_USERS.map((user) => [user.email, user.role]).sort());
    expect(second.map((row) => row.passwordHash).sort()).toEqual(first.map((row) => row.passwordHash).sort());
    expect((await db.select().from(auditLog).where(eq(auditLog.action, 'user_created'))).length).toBe(3);
    expect(await authorizeCredentials(db, { email: 'supervisor@demo.test', password: 'demo-password-1', ip: null })).toMatchObject({
      role: 'supervisor',
    });
  });

  it('restores a demo user changed in the admin page, and follows DEMO_PASSWORD', async () => {
    await db.update(users).set({ role: 'viewer', disabledAt: new Date() }).where(eq(users.email, 'admin@demo.test'));
    await seedDemoUsers(db, 'demo-password-2');
    expect(await authorizeCredentials(db, { email: 'admin@demo.test', password: 'demo-password-2', ip: null })).toMatchObject({ role: 'admin' });
  });

  it('bootstraps the first admin from ADMIN_EMAIL only when that account does not exist', async () => {
    expect(await bootstrapAdmin(db, undefined, undefined)).toBe('skipped');
    expect(await bootstrapAdmin(db, 'Boss@Example.test', 'first admin password')).toBe('created');
    expect(await bootstrapAdmin(db, 'boss@example.test', 'other password here')).toBe('exists');
    expect(await authorizeCredentials(db, { email: 'boss@example.test', password: 'first admin password', ip: null })).toMatchObject({
      role: 'admin',
    });
  });

  it('lets instances that start together on one database seed and bootstrap at once, creating each user once', async () => {
    const fresh = await createTestDb();
    try {
      // Two start-ups interleaved: each finds no user before either inserts (the hash takes a while).
      const [a, b] = await Promise.all([
        bootstrapAdmin(fresh.db, 'first@example.test', 'first admin password'),
        bootstrapAdmin(fresh.db, 'first@example.test', 'first admin password'),
      ]);
      expect([a, b].sort()).toEqual(['created', 'exists']);
      await Promise.all([seedDemoUsers(fresh.db, 'demo-password-3'), seedDemoUsers(fresh.db, 'demo-password-3')]);
      expect(await fresh.db.select().from(users)).toHaveLength(1 + DEMO_USERS.length);
      expect(await fresh.db.select().from(auditLog).where(eq(auditLog.action, 'user_created'))).toHaveLength(1 + DEMO_USERS.length);
    } finally {
      await fresh.close();
    }
  });
});
