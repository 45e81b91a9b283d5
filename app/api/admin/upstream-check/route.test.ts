import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { signInWithPassword, type CookieJar } from '@/test/harness/auth';
import { listAudit } from '@/lib/server/audit';
import { hashPassword } from '@/lib/server/auth/password';
import type { Db } from '@/lib/server/db/client';
import { users } from '@/lib/server/db/schema';
import { useTestDb } from '@/test/harness/db';
import { resetUpstreamState } from '@/lib/server/deepomatic/http';
import { json, startFakeUpstream, type FakeUpstream } from '@/test/fakes/upstream';

vi.setConfig({ testTimeout: 30_000, hookTimeout: 60_000 });

// The session comes from next-auth's real core, fed from this jar (see test/harness/auth.ts).
const jarHolder = vi.hoisted(() => ({ jar: new Map<string, string>() }));
vi.mock('next/headers', async () => (await import('@/test/fakes/next-session')).nextHeaders(jarHolder));
vi.mock('next-auth', async (importOriginal) => (await import('@/test/fakes/next-session')).nextAuth(importOriginal, jarHolder));

const APP_URL = 'http://127.0.0.1:3996';
process.env.APP_URL = APP_URL;
process.env.NEXTAUTH_SECRET = 'route-test-secret-0123456789abcdef';
const PASSWORD = 'correct horse battery';
const KEY = `canary-${crypto.randomUUID()}`;

let db: Db;
let close: () => Promise<void>;
let upstream: FakeUpstream;
let route: typeof import('./route');
const jars: Record<string, CookieJar> = {};

function request(method: string) {
  return new NextRequest(`${APP_URL}/api/admin/upstream-check`, { method, headers: { origin: APP_URL } });
}
const noParams = { params: Promise.resolve({}) } as never;

beforeAll(async () => {
  ({ db, close } = await useTestDb());
  upstream = await startFakeUpstream();
  // A site that refuses the key: the check's answer is then known without scripting every read.
  upstream.script(json(401, { detail: 'Invalid token.' }));
  vi.stubEnv('DEEPOMATIC_API_URL', upstream.apiUrl);
  vi.stubEnv('DEEPOMATIC_API_KEY', KEY);
  resetUpstreamState();
  const { authOptions } = await import('@/lib/server/auth/options');
  route = await import('./route');
  for (const role of ['viewer', 'supervisor', 'admin'] as const) {
    await db
      .insert(users)
      .values({ email: `${role}@check.test`, role, passwordHash: await hashPassword(PASSWORD), sessionsValidAfter: new Date(Date.now() - 60_000) });
    jars[role] = new Map();
    expect((await signInWithPassword(authOptions, jars[role], `${role}@check.test`, PASSWORD)).error).toBeNull();
  }
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await upstream.close();
  await close();
});

describe('/api/admin/upstream-check', () => {
  it('is for admins only: 401 without a session, 403 below admin, and nothing is asked upstream', async () => {
    jarHolder.jar = new Map();
    expect((await route.GET(request('GET'), noParams)).status).toBe(401);
    expect((await route.POST(request('POST'), noParams)).status).toBe(401);
    for (const role of ['viewer', 'supervisor'] as const) {
      jarHolder.jar = jars[role];
      expect((await route.GET(request('GET'), noParams)).status).toBe(403);
      const refused = await route.POST(request('POST'), noParams);
      expect(refused.status).toBe(403);
      expect(await refused.json()).toMatchObject({ error: 'forbidden' });
    }
    expect(upstream.ledger).toHaveLength(0);
  });

  it('an admin gets no check before the first; POST runs one, keeps it, and audits it; the key is in no answer', async () => {
    jarHolder.jar = jars.admin;
    const before = await route.GET(request('GET'), noParams);
    expect(before.status).toBe(200);
    expect(await before.json()).toEqual({ report: null, checkedBy: null });

    const run = await route.POST(request('POST'), noParams);
    expect(run.status).toBe(200);
    expect(run.headers.get('cache-control')).toMatch(/no-store/);
    const text = await run.text();
    expect(text).not.toContain(KEY);
    expect(JSON.parse(text)).toMatchObject({ checkedBy: 'admin@check.test', report: { usable: false, blocker: 'auth_failed' } });
    expect(upstream.ledger.length).toBeGreaterThan(0);

    const kept = await (await route.GET(request('GET'), noParams)).json();
    expect(kept).toEqual(JSON.parse(text));
    const [audit] = await listAudit({ action: 'upstream_check_run' });
    expect(audit).toMatchObject({ actorEmail: 'admin@check.test', outcome: 'succeeded', details: { usable: false, blocker: 'auth_failed' } });
  });
});
