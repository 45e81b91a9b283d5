import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { NextRequest } from 'next/server';
import { beforeAll, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
  process.env.APP_URL = 'http://127.0.0.1:3999';
  process.env.ANALYSIS_CALLBACK_SECRET = 'teams-callback-secret-0123456789abcdef';
});

vi.mock('@/lib/server/dal/authorize', () => import('@/test/fakes/authorize'));

// Pages run here as plain async functions: their request context is the test's, and Next's
// navigation helpers throw markers the test recognises.
const page = vi.hoisted(() => ({ requestId: '' }));
vi.mock('@/lib/server/http/request-context', async (importOriginal) => ({
  ...(await importOriginal<Record<string, unknown>>()),
  pageContext: async () => ({ requestId: page.requestId, locale: 'en' }),
}));
vi.mock('next/navigation', async (importOriginal) => ({
  ...(await importOriginal<Record<string, unknown>>()),
  notFound: () => {
    throw new Error('NEXT_NOT_FOUND');
  },
  redirect: (to: string) => {
    throw new Error(`NEXT_REDIRECT ${to}`);
  },
}));
vi.mock('next-intl/server', () => ({ getTranslations: async () => Object.assign((key: string) => key, { rich: (key: string) => key }) }));
vi.mock('next/headers', () => ({ headers: async () => new Headers(), cookies: async () => ({ get: () => undefined, has: () => false }) }));

import { workOrderIndex, workOrderReviews } from '@/lib/server/db/schema';
import { getWorkOrderPage, createWorkOrder } from '@/lib/server/dal/work-orders';
import { searchWorkOrders } from '@/lib/server/dal/work-order-search';
import { dropIndexRow } from '@/lib/server/dal/reindex';
import { isAppError } from '@/lib/server/http/errors';
import type { WorkOrderScope } from '@/lib/shared/work-order-scope';
import { USER_GROUPS } from '@/simulator/people';
import { session } from '@/test/fakes/authorize';
import { context, failureOf, ledgerOfRequest, setUpDalIntegration, testUser } from '@/test/harness/dal';

/**
 * Every route under app/api and every page under app/, found on the file system (a new one is
 * checked without being listed here), called as a supervisor of team A with the work order of
 * team B wherever a work order is named: each must answer as if that work order did not exist.
 * - A route or page about one work order (`work-orders/[id]`): 404 `not_found` (403 where the
 *   role alone refuses), and nothing sent upstream.
 * - Any other: nothing of team B's work order in the answer (its id, its name, its group), and
 *   no upstream request about it.
 * The same calls as an admin show team B's work order where they should, so the checks are not
 * vacuous.
 */

vi.setConfig({ testTimeout: 120_000 });

const APP = 'http://127.0.0.1:3999';
const ROOT = path.resolve(__dirname, '..');
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** Routes no signed-in user calls (no session, so no scope), each with why. */
const NOT_A_USER: Record<string, string> = {
  'auth/[...nextauth]': 'next-auth itself: sign-in and the session, no work order',
  'callbacks/analysis/[analysisId]': 'called by the upstream with an HMAC-signed analysis id, not by a user',
  health: 'load-balancer health check: no user, no work order',
  'health/live': 'load-balancer liveness check: no user, no work order',
  'health/ready': 'load-balancer readiness check: no user, no work order',
  metrics: 'Prometheus scrape behind METRICS_TOKEN: counts only',
};

/** Two of the simulated site's user groups (the upstream accepts only its own ids). */
const [GROUP_A, GROUP_B] = USER_GROUPS.map((group) => group.id);
const TEAM_A: WorkOrderScope = { all: false, groups: [GROUP_A], unassigned: false };
const supervisorA = testUser('supervisor', TEAM_A);
const admin = testUser('admin');

const setup = setUpDalIntegration();

const teamB = { id: '', name: '', taskId: '', inputId: '' };
const teamA = { id: '' };
/** A work order of team B the index has not seen yet: only the upstream knows its groups. */
let unindexedB = '';

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

function paramValue(name: string): string {
  const values: Record<string, string> = {
    id: teamB.id,
    taskId: teamB.taskId,
    inputId: teamB.inputId,
    analysisId: crypto.randomUUID(),
    name: 'pm-ouvert-avant',
    index: '0',
    code: 'other',
    address: '203.0.113.9',
  };
  return values[name] ?? 'x';
}

/** A body each write would accept if it got that far: a forgotten scope would then act. */
function bodyFor(route: string, method: string): unknown {
  if (route === 'work-orders' && method === 'POST') return { name: 'Team B work', userGroupIds: [GROUP_B] };
  if (route === 'work-orders/review') return { status: 'reviewed', ids: [teamB.id] };
  if (route === 'work-orders/[id]/review') return { status: 'reviewed' };
  if (route === 'work-orders/[id]/tasks/[taskId]/correction') return { value: false };
  if (route.endsWith('/metadata')) return { city: 'Nowhere' };
  if (route === 'work-orders/[id]') return { name: 'Renamed by team A' };
  if (route.startsWith('work-orders/[id]/analyze')) return {};
  return {};
}

async function call(route: string, method: string, params: string[], requestId: string): Promise<Response> {
  const file = path.join(ROOT, 'app/api', route, 'route.ts');
  const handler = ((await import(/* @vite-ignore */ file)) as Record<string, Handler>)[method];
  const url = `${APP}/api/${route
    .split('/')
    .map((segment) => (/^\[\w+\]$/.test(segment) ? paramValue(segment.slice(1, -1)) : segment))
    .join('/')}${route === 'work-orders/metadata-values' ? '?key=city' : ''}`;
  const hasBody = method !== 'GET' && method !== 'DELETE';
  return handler(
    new NextRequest(url, {
      method,
      headers: {
        origin: APP,
        'x-request-id': requestId,
        'idempotency-key': crypto.randomUUID(),
        'if-match': '"v"',
        ...(hasBody ? { 'content-type': 'application/json' } : {}),
      },
      body: hasBody ? JSON.stringify(bodyFor(route, method)) : undefined,
    }),
    { params: Promise.resolve(Object.fromEntries(params.map((name) => [name, paramValue(name)]))) },
  );
}

/** What must never reach a user of team A: anything naming team B's work order. */
function leaks(text: string): string[] {
  return [teamB.id, teamB.name, GROUP_B].filter((secret) => secret && text.includes(secret));
}

async function upstreamAbout(requestId: string, id: string): Promise<string[]> {
  return (await ledgerOfRequest(requestId))
    .filter((entry) => entry.path.includes(id) || JSON.stringify(entry.body ?? '').includes(id))
    .map((entry) => `${entry.method} ${entry.path}`);
}

beforeAll(async () => {
  session.user = admin;
  const b = await createWorkOrder(context(), { body: async () => ({ name: `b-${crypto.randomUUID().slice(0, 8)}`, userGroupIds: [GROUP_B] }) });
  const a = await createWorkOrder(context(), { body: async () => ({ name: `a-${crypto.randomUUID().slice(0, 8)}`, userGroupIds: [GROUP_A] }) });
  const full = await getWorkOrderPage(context(), { params: { id: b.id } });
  Object.assign(teamB, {
    id: b.id,
    name: b.name,
    taskId: full.workOrder.taskGroups[0]?.tasks[0]?.id ?? crypto.randomUUID(),
    inputId: full.workOrder.inputs[0]?.id ?? crypto.randomUUID(),
  });
  teamA.id = a.id;
  const hidden = await createWorkOrder(context(), { body: async () => ({ name: `b-${crypto.randomUUID().slice(0, 8)}`, userGroupIds: [GROUP_B] }) });
  await dropIndexRow(hidden.id, 'test');
  unindexedB = hidden.id;
});

describe('a supervisor of team A and the work order of team B', () => {
  it('gets "not found" or nothing of it from every route, and nothing about it goes upstream', async () => {
    const routes = walk(path.join(ROOT, 'app/api'))
      .filter((file) => file.endsWith(`${path.sep}route.ts`))
      .map((file) => path.relative(path.join(ROOT, 'app/api'), path.dirname(file)).split(path.sep).join('/'))
      .filter((route) => !(route in NOT_A_USER));
    expect(routes.length).toBeGreaterThan(25);
    const problems: string[] = [];
    let checked = 0;
    for (const route of routes) {
      const params = route
        .split('/')
        .filter((segment) => /^\[\w+\]$/.test(segment))
        .map((segment) => segment.slice(1, -1));
      for (const method of METHODS) {
        session.user = supervisorA;
        const requestId = crypto.randomUUID();
        const response = await call(route, method, params, requestId);
        if (response.status === 405) continue;
        checked += 1;
        const text = await response.text();
        const where = `${method} /api/${route} → ${response.status}`;
        if (route.startsWith('work-orders/[id]')) {
          // 404 as if it did not exist; or 403 when the role alone refuses (deleting is for admins).
          const refused = (response.status === 404 && text.includes('"not_found"')) || (response.status === 403 && text.includes('"forbidden"'));
          if (!refused) problems.push(`${where}: expected 404 not_found, got ${text.slice(0, 200)}`);
          const sent = await ledgerOfRequest(requestId);
          if (sent.length > 0) problems.push(`${where}: sent upstream ${sent.map((entry) => `${entry.method} ${entry.path}`).join(', ')}`);
        } else if (response.status >= 500) {
          problems.push(`${where}: ${text.slice(0, 200)}`);
        }
        for (const secret of leaks(text)) problems.push(`${where}: the answer names ${secret}`);
        for (const sent of await upstreamAbout(requestId, teamB.id)) problems.push(`${where}: sent upstream ${sent}`);
      }
    }
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(30);
    // Bulk review named team B's work order: it was left alone.
    const [review] = await setup.db.select().from(workOrderReviews).where(eq(workOrderReviews.workOrderId, teamB.id));
    expect(review).toBeUndefined();
  });

  it('gets "not found" from every page, and nothing of it from the others', async () => {
    const pages = walk(path.join(ROOT, 'app'))
      .filter((file) => file.endsWith(`${path.sep}page.tsx`))
      .map((file) => path.relative(ROOT, file).split(path.sep).join('/'));
    expect(pages).toEqual(expect.arrayContaining(['app/(signed-in)/work-orders/[id]/page.tsx', 'app/(signed-in)/overview/page.tsx']));
    const problems: string[] = [];
    for (const file of pages) {
      session.user = supervisorA;
      page.requestId = crypto.randomUUID();
      const render = ((await import(/* @vite-ignore */ path.join(ROOT, file))) as { default: (props: unknown) => Promise<unknown> }).default;
      const props = { params: Promise.resolve({ id: teamB.id }), searchParams: Promise.resolve({ review: 'all' }) };
      let outcome: string;
      try {
        outcome = safeJson(await render(props));
      } catch (error) {
        outcome = error instanceof Error ? `thrown: ${isAppError(error) ? error.code : error.message}` : 'thrown';
      }
      if (file.includes('[id]') && outcome !== 'thrown: NEXT_NOT_FOUND') problems.push(`${file}: expected not found, got ${outcome.slice(0, 200)}`);
      for (const secret of leaks(outcome)) problems.push(`${file}: shows ${secret}`);
      for (const sent of await upstreamAbout(page.requestId, teamB.id)) problems.push(`${file}: sent upstream ${sent}`);
    }
    expect(problems).toEqual([]);
  });

  it('is shown to an admin by the same list, so the checks above are not vacuous', async () => {
    session.user = admin;
    const requestId = crypto.randomUUID();
    const text = await (await call('work-orders', 'GET', [], requestId)).text();
    expect(leaks(text)).toContain(teamB.id);
    expect(leaks(await (await call('work-orders/export', 'GET', [], crypto.randomUUID())).text())).toContain(teamB.id);
    expect((await call('work-orders/[id]', 'GET', ['id'], crypto.randomUUID())).status).toBe(200);
  });

  it('lets them open, and find, their own team’s work order', async () => {
    session.user = supervisorA;
    expect((await getWorkOrderPage(context(), { params: { id: teamA.id } })).workOrder.id).toBe(teamA.id);
    const found = await searchWorkOrders(context(), { query: 'review=all&pageSize=100' });
    expect(found.rows.map((row) => row.id)).toContain(teamA.id);
    expect(found.rows.every((row) => row.userGroupIds.includes(GROUP_A))).toBe(true);
    expect(found.facets.groups).toEqual([GROUP_A]);
    // Even the index's size is counted within their teams.
    expect(found.sync.total).toBe(found.total);
  });

  it('reads the groups of a work order the index does not know from the upstream, and sends it nothing else', async () => {
    session.user = supervisorA;
    const ctx = context();
    expect(await failureOf(() => getWorkOrderPage(ctx, { params: { id: unindexedB } }))).toMatchObject({ code: 'not_found', status: 404 });
    const sent = await ledgerOfRequest(ctx.requestId);
    expect(sent.map((entry) => entry.method)).toEqual(['GET']);
    const write = context();
    const { POST } = await import('@/app/api/work-orders/[id]/review/route');
    expect(write.requestId).toBeTruthy();
    session.user = supervisorA;
    const refused = await (POST as unknown as Handler)(
      new NextRequest(`${APP}/api/work-orders/${unindexedB}/review`, {
        method: 'POST',
        headers: { origin: APP, 'content-type': 'application/json', 'x-request-id': write.requestId },
        body: JSON.stringify({ status: 'reviewed' }),
      }),
      { params: Promise.resolve({ id: unindexedB }) },
    );
    expect(refused.status).toBe(404);
    expect((await ledgerOfRequest(write.requestId)).every((entry) => entry.method === 'GET')).toBe(true);
  });

  it('puts the work order a scoped supervisor creates in their team, and refuses another team', async () => {
    session.user = supervisorA;
    const created = await createWorkOrder(context(), { body: async () => ({ name: `mine-${crypto.randomUUID().slice(0, 8)}` }) });
    expect(created.userGroupIds).toEqual([GROUP_A]);
    const ctx = context();
    expect(await failureOf(() => createWorkOrder(ctx, { body: async () => ({ name: 'theirs', userGroupIds: [GROUP_B] }) }))).toMatchObject({
      code: 'validation_failed',
      fields: { userGroupIds: 'outside_teams' },
    });
    expect(await ledgerOfRequest(ctx.requestId)).toEqual([]);
    const [row] = await setup.db.select({ groups: workOrderIndex.userGroupIds }).from(workOrderIndex).where(eq(workOrderIndex.id, created.id));
    expect(row.groups).toEqual([GROUP_A]);
  });
});

/** JSON of a page's React tree (props only; functions and cycles left out). */
function safeJson(value: unknown): string {
  const seen = new WeakSet<object>();
  return JSON.stringify(value, (_key, item: unknown) => {
    if (typeof item === 'function') return undefined;
    if (item && typeof item === 'object') {
      if (seen.has(item)) return undefined;
      seen.add(item);
    }
    return item;
  });
}
