import { eq } from 'drizzle-orm';
import { encode } from 'next-auth/jwt';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { callAuth, readSession, signInWithPassword, signOut, type CookieJar } from '@/test/harness/auth';
import { listAudit } from '@/lib/server/audit';
import { hashPassword } from '@/lib/server/auth/password';
import { auditLog, signInAttempts, users } from '@/lib/server/db/schema';
import { useTestDb } from '@/test/harness/db';
import type { Db } from '@/lib/server/db/client';

// PGlite start-up and argon2 are CPU-bound; a shared, busy machine must not fail the suite.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 60_000 });

// requireUser() reads the session the way getServerSession does; here that is next-auth's
// real core fed from a test cookie jar instead of a Next.js request.
const jarHolder = vi.hoisted(() => ({ jar: new Map<string, string>() }));
vi.mock('next/headers', async () =>
  (await import('@/test/fakes/next-session')).nextHeaders(jarHolder, { 'x-request-id': '0f5c4a1e-8a4b-4c5d-9e7f-0a1b2c3d4e5f' }),
);
vi.mock('next-auth', async (importOriginal) => (await import('@/test/fakes/next-session')).nextAuth(importOriginal, jarHolder));

process.env.NEXTAUTH_SECRET = 'test-secret-with-enough-entropy-0123456789';
process.env.APP_URL = 'http://127.0.0.1:3999';

const PASSWORD = 'correct horse battery';
let db: Db;
let close: () => Promise<void>;
let options: import('next-auth').NextAuthOptions;
let requireUser: typeof import('./authorize').requireUser;
let requireRole: typeof import('./authorize').requireRole;

async function createUser(email: string, role: 'viewer' | 'supervisor' | 'admin') {
  const [row] = await db
    .insert(users)
    .values({ email, role, passwordHash: await hashPassword(PASSWORD), sessionsValidAfter: new Date(Date.now() - 60_000) })
    .returning();
  return row;
}

async function signedInJar(email: string): Promise<CookieJar> {
  const jar: CookieJar = new Map();
  const result = await signInWithPassword(options, jar, email, PASSWORD);
  expect(result.error).toBeNull();
  return jar;
}

beforeAll(async () => {
  ({ db, close } = await useTestDb());
  ({ authOptions: options } = await import('@/lib/server/auth/options'));
  ({ requireUser, requireRole } = await import('./authorize'));
  await createUser('viewer@example.test', 'viewer');
  await createUser('supervisor@example.test', 'supervisor');
  await createUser('admin@example.test', 'admin');
}, 60_000);
afterAll(async () => close());
beforeEach(async () => {
  await db.delete(signInAttempts);
});

describe('requireUser / requireRole', () => {
  it('refuses a request without a session (401)', async () => {
    jarHolder.jar = new Map();
    await expect(requireUser()).rejects.toMatchObject({ code: 'unauthenticated', status: 401 });
  });

  it('returns the user and role read from the database', async () => {
    jarHolder.jar = await signedInJar('supervisor@example.test');
    const user = await requireUser();
    expect(user).toMatchObject({ email: 'supervisor@example.test', role: 'supervisor' });
    await expect(requireRole('supervisor')).resolves.toMatchObject({ role: 'supervisor' });
  });

  it('refuses a lower role with 403 and writes an authz_denied audit row', async () => {
    jarHolder.jar = await signedInJar('viewer@example.test');
    const viewer = await requireUser();
    await expect(requireRole('supervisor')).rejects.toMatchObject({ code: 'forbidden', status: 403 });
    const denied = await listAudit({ actorId: viewer.id, action: 'authz_denied' }, db);
    expect(denied[0]).toMatchObject({
      outcome: 'denied',
      requestId: '0f5c4a1e-8a4b-4c5d-9e7f-0a1b2c3d4e5f',
      details: { role: 'viewer', required: 'supervisor' },
    });
  });

  it('applies a role change at once, without a new sign-in', async () => {
    const [row] = await db
      .insert(users)
      .values({
        email: 'mover@example.test',
        role: 'supervisor',
        passwordHash: await hashPassword(PASSWORD),
        sessionsValidAfter: new Date(Date.now() - 60_000),
      })
      .returning();
    jarHolder.jar = await signedInJar('mover@example.test');
    await expect(requireRole('supervisor')).resolves.toMatchObject({ id: row.id });
    await db.update(users).set({ role: 'viewer' }).where(eq(users.id, row.id));
    await expect(requireRole('supervisor')).rejects.toMatchObject({ code: 'forbidden' });
    expect((await requireUser()).role).toBe('viewer');
  });

  it('ends every session of a disabled user at once (401)', async () => {
    const [row] = await db
      .insert(users)
      .values({
        email: 'leaver@example.test',
        role: 'admin',
        passwordHash: await hashPassword(PASSWORD),
        sessionsValidAfter: new Date(Date.now() - 60_000),
      })
      .returning();
    jarHolder.jar = await signedInJar('leaver@example.test');
    await expect(requireUser()).resolves.toMatchObject({ id: row.id });
    await db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, row.id));
    await expect(requireUser()).rejects.toMatchObject({ code: 'unauthenticated' });
  });

  it('answers 503 when the database cannot give the user, and keeps the session for when it can', async () => {
    const jar = await signedInJar('supervisor@example.test');
    jarHolder.jar = jar;
    // A pool with every connection busy, or a database that went away, fails the user's read.
    const unreachable = () => {
      throw new Error('timeout exceeded when trying to connect');
    };
    const select = vi.spyOn(db, 'select').mockImplementationOnce(unreachable);
    await expect(requireUser()).rejects.toMatchObject({ code: 'database_unavailable', status: 503 });
    // The session endpoint says the same, without a user, and does not clear the cookie.
    select.mockImplementationOnce(unreachable);
    const session = await readSession(options, jar);
    expect(session).toMatchObject({ databaseUnavailable: true });
    expect(session).not.toHaveProperty('user');
    select.mockRestore();
    await expect(requireUser()).resolves.toMatchObject({ email: 'supervisor@example.test', role: 'supervisor' });
  });

  it('refuses a captured cookie replayed after sign-out', async () => {
    const jar = await signedInJar('supervisor@example.test');
    const captured = new Map(jar);
    jarHolder.jar = jar;
    await expect(requireUser()).resolves.toBeTruthy();
    await signOut(options, jar);
    jarHolder.jar = captured;
    await expect(requireUser()).rejects.toMatchObject({ code: 'unauthenticated' });
    // and a fresh sign-in works again
    jarHolder.jar = await signedInJar('supervisor@example.test');
    await expect(requireUser()).resolves.toMatchObject({ role: 'supervisor' });
  });

  it('ignores a role sent through the session update endpoint', async () => {
    const jar = await signedInJar('viewer@example.test');
    const updated = await readSession(options, jar, { role: 'admin', user: { role: 'admin' } });
    expect((updated?.user as { role?: string }).role).toBe('viewer');
    jarHolder.jar = jar;
    await expect(requireRole('supervisor')).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('refuses a token past the absolute lifetime even if it was refreshed', async () => {
    const [viewer] = await db.select().from(users).where(eq(users.email, 'viewer@example.test'));
    const name = [...(await signedInJar('viewer@example.test')).keys()].find((key) => key.includes('session'))!;
    const nineHoursAgo = Date.now() - 9 * 3600 * 1000;
    const token = await encode({
      secret: process.env.NEXTAUTH_SECRET!,
      token: { sub: viewer.id, uid: viewer.id, authTime: nineHoursAgo, email: viewer.email },
    });
    jarHolder.jar = new Map([[name, token]]);
    await expect(requireUser()).rejects.toMatchObject({ code: 'unauthenticated' });
    // the same token with a recent authTime is accepted: the limit, not the forgery, refused it
    const fresh = await encode({
      secret: process.env.NEXTAUTH_SECRET!,
      token: { sub: viewer.id, uid: viewer.id, authTime: Date.now(), email: viewer.email },
    });
    jarHolder.jar = new Map([[name, fresh]]);
    await expect(requireUser()).resolves.toMatchObject({ id: viewer.id });
  });

  it('refuses a token sealed with another secret', async () => {
    const [viewer] = await db.select().from(users).where(eq(users.email, 'viewer@example.test'));
    const name = [...(await signedInJar('viewer@example.test')).keys()].find((key) => key.includes('session'))!;
    const forged = await encode({ secret: 'another-secret', token: { uid: viewer.id, authTime: Date.now() } });
    jarHolder.jar = new Map([[name, forged]]);
    await expect(requireUser()).rejects.toMatchObject({ code: 'unauthenticated' });
  });

  it('never puts the role in the session token', async () => {
    const jar = await signedInJar('admin@example.test');
    const name = [...jar.keys()].find((key) => key.includes('session'))!;
    const { decode } = await import('next-auth/jwt');
    const claims = await decode({ secret: process.env.NEXTAUTH_SECRET!, token: jar.get(name)! });
    expect(claims).not.toHaveProperty('role');
    expect(claims).toMatchObject({ email: 'admin@example.test' });
  });

  it('audits sign-in success and failure', async () => {
    const jar: CookieJar = new Map();
    await signInWithPassword(options, jar, 'admin@example.test', 'wrong password!');
    await signInWithPassword(options, jar, 'admin@example.test', PASSWORD);
    const rows = await db.select().from(auditLog).where(eq(auditLog.action, 'sign_in'));
    const mine = rows.filter((row) => row.actorEmail === 'admin@example.test').map((row) => row.outcome);
    expect(mine).toContain('failed');
    expect(mine).toContain('succeeded');
  });

  it('keeps the session endpoint answering with only our claims', async () => {
    const jar = await signedInJar('admin@example.test');
    const response = await callAuth(options, jar, { action: 'session', method: 'GET' });
    expect(response.body).toMatchObject({ user: { email: 'admin@example.test', role: 'admin' } });
  });
});
