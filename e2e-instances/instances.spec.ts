import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { expect, request, test, type APIRequestContext } from '@playwright/test';
import { expectAccessible, signIn } from '../e2e/fixtures';
import { signalGroup } from '../e2e/servers';
import { instancesEnv } from './env';

/**
 * Two instances of the production build on one PostgreSQL database: whatever a user does
 * through one is what the other answers at once, the limits that protect the upstream and the
 * sign-in hold across both, and the index sync runs on one instance at a time and moves to the
 * other when the first stops. In order (one worker): the last test stops instance A.
 */
test.describe.configure({ mode: 'serial' });

const env = instancesEnv();
const [A, B] = env.instances;
const USERS = { admin: 'admin@demo.test', supervisor: 'supervisor@demo.test' };
const PASSWORD = 'instances journey password';

interface LedgerEntry {
  seq: number;
  time: string;
  method: string;
  path: string;
  durationMs: number | null;
}

async function simulator<T = unknown>(method: string, route: string, body?: unknown): Promise<T> {
  const response = await fetch(`${env.simulatorAdminUrl}${route}`, {
    method,
    headers: { Authorization: `Bearer ${env.simulatorAdminToken}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`simulator ${method} ${route}: HTTP ${response.status} ${text.slice(0, 200)}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

const ledger = (query: string) => simulator<LedgerEntry[]>('GET', `/ledger?${query}`);
const lastSeq = async () => (await ledger('')).at(-1)?.seq ?? 0;

/** One password sign-in through next-auth's own endpoint on `baseURL`. */
async function postSignIn(api: APIRequestContext, email: string, password: string) {
  const { csrfToken } = (await (await api.get('/api/auth/csrf')).json()) as { csrfToken: string };
  return api.post('/api/auth/callback/credentials', { form: { csrfToken, email, password, json: 'true', callbackUrl: '/' }, maxRedirects: 0 });
}

/** A request context signed in as `email` through instance `on`. */
async function signedIn(on: typeof A, email: string, password = env.demoPassword): Promise<APIRequestContext> {
  const api = await request.newContext({ baseURL: on.baseURL });
  expect((await postSignIn(api, email, password)).status()).toBe(200);
  return api;
}

/** The same cookies (the same session), talking to instance `on`. */
async function sameSessionOn(api: APIRequestContext, on: typeof A): Promise<APIRequestContext> {
  return request.newContext({ baseURL: on.baseURL, storageState: await api.storageState() });
}

/** A mutation as the browser sends it: same-origin. */
const origin = (on: typeof A) => ({ origin: on.baseURL });

interface Task {
  id: string;
  analyzed: boolean;
  outcomeType: string;
  effectiveValue: unknown;
  version: string;
  corrected: boolean;
  lastCorrection: { outcome: string; actorEmail: string } | null;
}

async function tasksOf(api: APIRequestContext, workOrderId: string): Promise<Task[]> {
  const response = await api.get(`/api/work-orders/${workOrderId}`);
  expect(response.status()).toBe(200);
  const body = (await response.json()) as { workOrder: { taskGroups: { tasks: Task[] }[] } };
  return body.workOrder.taskGroups.flatMap((group) => group.tasks);
}

/** Work orders with analysed Boolean tasks, each used by one test only. */
async function booleanTasks(api: APIRequestContext): Promise<{ workOrderId: string; task: Task }[]> {
  const list = (await (await api.get('/api/work-orders')).json()) as { rows: { id: string }[] };
  const found: { workOrderId: string; task: Task }[] = [];
  for (const { id } of list.rows) {
    const task = (await tasksOf(api, id)).find((candidate) => candidate.analyzed && candidate.outcomeType === 'Boolean');
    if (task) found.push({ workOrderId: id, task });
    if (found.length === 3) break;
  }
  expect(found).toHaveLength(3);
  return found;
}

function correct(api: APIRequestContext, on: typeof A, workOrderId: string, task: Task, key: string, value: boolean) {
  return api.patch(`/api/work-orders/${workOrderId}/tasks/${task.id}/correction`, {
    headers: { ...origin(on), 'Idempotency-Key': key, 'If-Match': `"${task.version}"` },
    data: { correctedValue: value, reason: 'ai_false_positive', comment: 'two instances' },
  });
}

async function patchesOf(workOrderId: string, taskId: string, since: number): Promise<number> {
  return (await ledger(`method=PATCH&path=${encodeURIComponent(`/work-orders/${workOrderId}/tasks/${taskId}/correction/`)}&since=${since}`)).length;
}

/** Whether anything listens at `baseURL` (a new connection: an open keep-alive one proves nothing). */
function accepts(baseURL: string): Promise<boolean> {
  const { hostname, port } = new URL(baseURL);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port) });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

interface SyncStatus {
  instance: string;
  jobs: { job: 'full' | 'incremental'; running: boolean; runningOn: string | null; lastRunOn: string | null; lastSuccessAt: string | null }[];
}

async function syncStatus(api: APIRequestContext): Promise<SyncStatus> {
  const response = await api.get('/api/index/status');
  expect(response.status()).toBe(200);
  return (await response.json()) as SyncStatus;
}

let workOrders: { workOrderId: string; task: Task }[];

test.beforeAll(async () => {
  // The first full sync (one of the two instances) has filled the index the list reads.
  const admin = await signedIn(A, USERS.admin);
  await expect
    .poll(async () => (await syncStatus(admin)).jobs.find((job) => job.job === 'full')?.lastSuccessAt ?? null, { timeout: 50_000 })
    .not.toBeNull();
  workOrders = await booleanTasks(admin);
  await admin.dispose();
});

test('a session made on instance A is a session on instance B, in the browser too', async ({ browser }) => {
  const onA = await signedIn(A, USERS.admin);
  const onB = await sameSessionOn(onA, B);
  const session = (await (await onB.get('/api/auth/session')).json()) as { user?: { email?: string } };
  expect(session.user?.email).toBe(USERS.admin);
  expect((await onB.get('/api/admin/users')).status()).toBe(200);

  const context = await browser.newContext({ baseURL: A.baseURL });
  const page = await context.newPage();
  await signIn(page, USERS.supervisor, env.demoPassword);
  await expect(page.getByRole('button', { name: /account menu/i })).toBeVisible({ timeout: 30_000 });
  await page.goto(`${B.baseURL}/work-orders`);
  await expect(page.getByRole('button', { name: /account menu/i })).toBeVisible({ timeout: 30_000 });
  expect(new URL(page.url()).pathname).toBe('/work-orders');
  await expectAccessible(page, 'the work-order list on instance B');
  await context.close();
  await Promise.all([onA.dispose(), onB.dispose()]);
});

test('a correction, a review and a saved view made through A are what B answers at once', async () => {
  const onA = await signedIn(A, USERS.supervisor);
  const onB = await sameSessionOn(onA, B);
  const { workOrderId, task } = workOrders[0];

  const value = task.effectiveValue !== true;
  expect((await correct(onA, A, workOrderId, task, randomUUID(), value)).status()).toBe(200);
  const seen = (await tasksOf(onB, workOrderId)).find((candidate) => candidate.id === task.id)!;
  expect(seen).toMatchObject({ effectiveValue: value, corrected: true, lastCorrection: { outcome: 'applied', actorEmail: USERS.supervisor } });

  expect((await onA.post(`/api/work-orders/${workOrderId}/review`, { headers: origin(A), data: { status: 'reviewed' } })).status()).toBe(200);
  expect(await (await onB.get(`/api/work-orders/${workOrderId}/review`)).json()).toMatchObject({ status: 'reviewed', reviewedBy: USERS.supervisor });

  const name = `Seen from B ${randomUUID().slice(0, 8)}`;
  expect((await onA.post('/api/saved-views', { headers: origin(A), data: { name, query: '', columns: ['name'] } })).status()).toBe(201);
  const views = (await (await onB.get('/api/saved-views')).json()) as { name: string }[];
  expect(views.map((view) => view.name)).toContain(name);
  await Promise.all([onA.dispose(), onB.dispose()]);
});

test("an admin's change of a user on A holds for that user's next request on B", async () => {
  const admin = await signedIn(A, USERS.admin);
  const email = `changed-${randomUUID().slice(0, 8)}@demo.test`;
  const created = await admin.post('/api/admin/users', { headers: origin(A), data: { email, role: 'viewer', password: PASSWORD } });
  expect(created.status()).toBe(201);
  const { user } = (await created.json()) as { user: { id: string } };
  const viewerOnB = await signedIn(B, email, PASSWORD);
  expect((await viewerOnB.get('/api/admin/users')).status()).toBe(403);

  // A role change ends the user's sessions, on every instance; the next sign-in has the new role.
  expect((await admin.patch(`/api/admin/users/${user.id}`, { headers: origin(A), data: { role: 'admin' } })).status()).toBe(200);
  expect((await viewerOnB.get('/api/saved-views')).status()).toBe(401);
  const adminOnB = await signedIn(B, email, PASSWORD);
  expect((await adminOnB.get('/api/admin/users')).status()).toBe(200);

  expect((await admin.patch(`/api/admin/users/${user.id}`, { headers: origin(A), data: { disabled: true } })).status()).toBe(200);
  expect((await adminOnB.get('/api/saved-views')).status()).toBe(401);
  expect((await postSignIn(adminOnB, email, PASSWORD)).status()).toBe(401);
  await Promise.all([admin.dispose(), viewerOnB.dispose(), adminOnB.dispose()]);
});

test('one correction sent twice at once, through A and through B, reaches the upstream once', async () => {
  const onA = await signedIn(A, USERS.supervisor);
  const onB = await sameSessionOn(onA, B);
  const { workOrderId, task } = workOrders[1];
  const since = await lastSeq();
  const key = randomUUID();
  const value = task.effectiveValue !== true;

  const answers = await Promise.all([correct(onA, A, workOrderId, task, key, value), correct(onB, B, workOrderId, task, key, value)]);
  const statuses = answers.map((answer) => answer.status()).sort();
  // The second is a replay of the first's answer, or told the first is still under way.
  expect([
    [200, 200],
    [200, 409],
  ]).toContainEqual(statuses);
  expect(await patchesOf(workOrderId, task.id, since)).toBe(1);
  await Promise.all([onA.dispose(), onB.dispose()]);
});

test('two corrections of one task at once, through A and through B, with different keys: one applies, the other is refused', async () => {
  const onA = await signedIn(A, USERS.supervisor);
  const onB = await sameSessionOn(onA, B);
  const { workOrderId, task } = workOrders[2];
  const since = await lastSeq();
  const value = task.effectiveValue !== true;

  const answers = await Promise.all([
    correct(onA, A, workOrderId, task, randomUUID(), value),
    correct(onB, B, workOrderId, task, randomUUID(), value),
  ]);
  const statuses = answers.map((answer) => answer.status()).sort();
  // The per-task lock is a database lock: the second re-reads a task that changed (412), or
  // finds the first still holding the lock past its wait (409).
  expect(statuses[0]).toBe(200);
  expect([409, 412]).toContain(statuses[1]);
  expect(await patchesOf(workOrderId, task.id, since)).toBe(1);
  await Promise.all([onA.dispose(), onB.dispose()]);
});

test('failed sign-ins through A count on B', async () => {
  const admin = await signedIn(A, USERS.admin);
  const email = `throttled-${randomUUID().slice(0, 8)}@demo.test`;
  expect((await admin.post('/api/admin/users', { headers: origin(A), data: { email, role: 'viewer', password: PASSWORD } })).status()).toBe(201);
  const apiA = await request.newContext({ baseURL: A.baseURL });
  const apiB = await request.newContext({ baseURL: B.baseURL });
  // One failure short of the limit on each instance alone; the limit together.
  for (let i = 1; i < env.maxFailuresPerAccountAndIp; i += 1) expect((await postSignIn(apiA, email, `wrong password ${i}`)).status()).toBe(401);
  expect((await postSignIn(apiB, email, 'wrong password on B')).status()).toBe(401);
  expect((await postSignIn(apiA, email, PASSWORD)).status()).toBe(429);
  expect((await postSignIn(apiB, email, PASSWORD)).status()).toBe(429);
  await Promise.all([admin.dispose(), apiA.dispose(), apiB.dispose()]);
});

test('the index sync runs on one instance at a time, both say which, and B takes over when A stops', async () => {
  const admin = await signedIn(A, USERS.admin);
  const adminOnB = await sameSessionOn(admin, B);
  const instanceA = (await syncStatus(admin)).instance;
  const instanceB = (await syncStatus(adminOnB)).instance;
  expect(instanceA).not.toBe(instanceB);

  // Every list read slow: each run lasts long enough for both instances' timers to fire in it.
  const since = await lastSeq();
  await simulator('POST', '/faults', { method: 'GET', path: '/v0.2/work-orders/', delayMs: 1_500 });
  try {
    // A run under way is seen as one from both instances, naming the instance that runs it.
    let runner: string | null = null;
    await expect
      .poll(
        async () => {
          const fromA = await syncStatus(admin);
          runner = fromA.jobs.find((job) => job.runningOn)?.runningOn ?? null;
          if (!runner) return 'no run under way';
          const fromB = await syncStatus(adminOnB);
          const onB = fromB.jobs.find((job) => job.runningOn === runner);
          return onB?.running ? 'both see it' : `B sees ${JSON.stringify(fromB.jobs)}`;
        },
        { timeout: 20_000, intervals: [100] },
      )
      .toBe('both see it');
    expect([instanceA, instanceB]).toContain(runner);

    // Several runs, from both timers: the upstream never sees two lists read at once.
    await expect
      .poll(
        async () =>
          (await ledger(`method=GET&path=/v0.2/work-orders/&since=${since}`)).filter(
            (entry) => entry.path === '/v0.2/work-orders/' && entry.durationMs !== null,
          ).length,
        { timeout: 30_000 },
      )
      .toBeGreaterThanOrEqual(4);
  } finally {
    await simulator('DELETE', '/faults');
  }
  const reads = (await ledger(`method=GET&path=/v0.2/work-orders/&since=${since}`)).filter(
    (entry) => entry.path === '/v0.2/work-orders/' && entry.durationMs !== null,
  );
  const spans = reads
    .map((entry) => ({ start: Date.parse(entry.time), end: Date.parse(entry.time) + entry.durationMs! }))
    .sort((a, b) => a.start - b.start);
  for (let i = 1; i < spans.length; i += 1) {
    // A few milliseconds of rounding between the simulator's two clocks; two runs at once would overlap by most of a second.
    expect(spans[i].start, `list read ${i} began before read ${i - 1} ended`).toBeGreaterThanOrEqual(spans[i - 1].end - 50);
  }

  // A dies (killed, as a crash or an out-of-memory kill would): its database connections go, and
  // with them any lock it held. B runs the next sync by itself.
  signalGroup(A.pid, 'SIGKILL');
  await expect.poll(() => accepts(A.baseURL), { timeout: 20_000 }).toBe(false);
  const before = (await syncStatus(adminOnB)).jobs.find((job) => job.job === 'incremental')!.lastSuccessAt ?? '';
  await expect
    .poll(
      async () => {
        const incremental = (await syncStatus(adminOnB)).jobs.find((job) => job.job === 'incremental')!;
        return (incremental.lastSuccessAt ?? '') > before ? incremental.lastRunOn : 'no new run';
      },
      { timeout: 10 * env.syncIntervalMs + 10_000 },
    )
    .toBe(instanceB);
  expect((await syncStatus(adminOnB)).jobs.filter((job) => job.runningOn === instanceA)).toEqual([]);
  await Promise.all([admin.dispose(), adminOnB.dispose()]);
});
