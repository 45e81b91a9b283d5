import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { signInWithPassword, type CookieJar } from '@/test/harness/auth';
import { listAudit } from '@/lib/server/audit';
import { hashPassword } from '@/lib/server/auth/password';
import type { Db } from '@/lib/server/db/client';
import { users } from '@/lib/server/db/schema';
import { useTestDb } from '@/test/harness/db';

vi.setConfig({ testTimeout: 30_000, hookTimeout: 60_000 });

// The session comes from next-auth's real core, fed from this jar (see test/harness/auth.ts).
const jarHolder = vi.hoisted(() => ({ jar: new Map<string, string>() }));
vi.mock('next/headers', async () => (await import('@/test/fakes/next-session')).nextHeaders(jarHolder));
vi.mock('next-auth', async (importOriginal) => (await import('@/test/fakes/next-session')).nextAuth(importOriginal, jarHolder));

const APP_URL = 'http://127.0.0.1:3997';
process.env.APP_URL = APP_URL;
process.env.NEXTAUTH_SECRET = 'route-test-secret-0123456789abcdef';
const PASSWORD = 'correct horse battery';

let db: Db;
let close: () => Promise<void>;
let options: import('next-auth').NextAuthOptions;
let collection: typeof import('./route');
let item: typeof import('./[id]/route');
const jars: Record<string, CookieJar> = {};

function request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  return new NextRequest(`${APP_URL}${path}`, {
    method,
    headers: { origin: APP_URL, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}
const noParams = { params: Promise.resolve({}) } as never;
const idParams = (id: string) => ({ params: Promise.resolve({ id }) }) as never;

beforeAll(async () => {
  ({ db, close } = await useTestDb());
  ({ authOptions: options } = await import('@/lib/server/auth/options'));
  collection = await import('./route');
  item = await import('./[id]/route');
  for (const role of ['viewer', 'supervisor', 'admin'] as const) {
    await db
      .insert(users)
      .values({ email: `${role}@route.test`, role, passwordHash: await hashPassword(PASSWORD), sessionsValidAfter: new Date(Date.now() - 60_000) });
    jars[role] = new Map();
    expect((await signInWithPassword(options, jars[role], `${role}@route.test`, PASSWORD)).error).toBeNull();
  }
});
afterAll(async () => close());

describe('/api/admin/users', () => {
  it('answers 401 without a session, for every method', async () => {
    jarHolder.jar = new Map();
    expect((await collection.GET(request('GET', '/api/admin/users'), noParams)).status).toBe(401);
    expect((await collection.POST(request('POST', '/api/admin/users', { email: 'x@y.test', role: 'admin' }), noParams)).status).toBe(401);
    const [viewer] = await db.select().from(users).limit(1);
    expect((await item.PATCH(request('PATCH', `/api/admin/users/${viewer.id}`, { role: 'admin' }), idParams(viewer.id))).status).toBe(401);
  });

  it('answers 403 forbidden to a viewer and a supervisor, and audits it', async () => {
    for (const role of ['viewer', 'supervisor'] as const) {
      jarHolder.jar = jars[role];
      const response = await collection.POST(
        request('POST', '/api/admin/users', { email: `made-by-${role}@y.test`, role: 'admin', password: 'long enough password' }),
        noParams,
      );
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ error: 'forbidden' });
      expect(response.headers.get('cache-control')).toMatch(/no-store/);
    }
    expect(await db.select().from(users)).toHaveLength(3);
    expect((await listAudit({ action: 'authz_denied' }, db)).length).toBeGreaterThanOrEqual(2);
  });

  it('lets an admin list, create and change users', async () => {
    jarHolder.jar = jars.admin;
    const list = await collection.GET(request('GET', '/api/admin/users'), noParams);
    expect(list.status).toBe(200);
    const body = (await list.json()) as { users: Array<Record<string, unknown>> };
    expect(body.users.map((user) => user.email)).toEqual(['admin@route.test', 'supervisor@route.test', 'viewer@route.test']);
    expect(JSON.stringify(body)).not.toMatch(/argon2|passwordHash/);

    const created = await collection.POST(
      request('POST', '/api/admin/users', { email: 'new@route.test', role: 'supervisor', password: 'long enough password' }),
      noParams,
    );
    expect(created.status).toBe(201);
    const { user } = (await created.json()) as { user: { id: string; role: string } };
    expect(user.role).toBe('supervisor');

    const changed = await item.PATCH(request('PATCH', `/api/admin/users/${user.id}`, { role: 'viewer' }), idParams(user.id));
    expect(changed.status).toBe(200);
    expect(await changed.json()).toMatchObject({ user: { id: user.id, role: 'viewer' } });
  });

  it('refuses bad input with field errors, bad ids and cross-site requests', async () => {
    jarHolder.jar = jars.admin;
    const invalid = await collection.POST(request('POST', '/api/admin/users', { email: 'nope', role: 'root' }), noParams);
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({ error: 'validation_failed', fields: { email: expect.any(String), role: expect.any(String) } });
    expect((await item.PATCH(request('PATCH', '/api/admin/users/..%2F..', { role: 'viewer' }), idParams('../..'))).status).toBe(400);
    const crossSite = await collection.POST(
      request('POST', '/api/admin/users', { email: 'evil@y.test', role: 'admin' }, { origin: 'https://evil.example' }),
      noParams,
    );
    expect(crossSite.status).toBe(403);
    expect(await crossSite.json()).toMatchObject({ error: 'bad_origin' });
  });
});
