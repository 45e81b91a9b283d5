import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { dataUri, photoWithFindings, testPhoto } from '@/test/harness/simulator-api';
import { checkUpstream, deepomatic } from './index';
import { resetUpstreamState } from './http';
import { analysisCallbackPayloadSchema } from './schemas';
import { failure } from '@/test/harness/failure';
import { UPSTREAM_REQUEST_HEADERS } from '@/test/fixtures/deepomatic';
import type { WorkOrder } from './types';
import { normaliseTaskValue } from '@/lib/shared/task-value';
import { onDocumentedProfile } from '@/test/harness/simulator-profile';

/**
 * The client end to end against the real simulator (started by the integration
 * globalSetup): every one of the 14 functions, and the main faults through the
 * simulator's admin API, checked against the simulator's own request ledger.
 */

const apiUrl = () => process.env.DEEPOMATIC_API_URL!;
const apiKey = () => process.env.DEEPOMATIC_API_KEY!;
const adminUrl = () => process.env.SIMULATOR_ADMIN_URL!;

interface SiteFacts {
  technicians: { email: string }[];
  work_order_types: unknown[];
  task_groups: { name: string; tasks: { id: string; name: string; outcome_type: string }[] }[];
}

interface SimLedgerEntry {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: unknown;
  status: number | null;
}

async function admin<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${adminUrl()}${path}`, {
    method,
    headers: { Authorization: `Bearer ${process.env.SIMULATOR_ADMIN_TOKEN}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`admin ${method} ${path} → ${response.status}`);
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

const ledger = () => admin<SimLedgerEntry[]>('GET', '/ledger');
const fault = (spec: Record<string, unknown>) => admin('POST', '/faults', spec);

let site: SiteFacts;
const WO_NOT_FOUND = '00000000-0000-4000-8000-000000000000';

beforeAll(async () => {
  expect(apiUrl(), 'DEEPOMATIC_API_URL from the integration globalSetup').toBeTruthy();
  site = await admin<SiteFacts>('GET', '/site');
});

beforeEach(async () => {
  await admin('DELETE', '/faults');
  await admin('DELETE', '/ledger');
  resetUpstreamState();
});

afterEach(() => {
  vi.unstubAllEnvs();
  resetUpstreamState();
});

describe('task groups', () => {
  it('listTaskGroups and getTaskGroup', async () => {
    const groups = await deepomatic.listTaskGroups({ language: 'fr', requestId: 'int-1' });
    expect(groups.length).toBeGreaterThan(0);
    expect(groups.map((group) => group.order)).toEqual([...groups.map((group) => group.order)].sort((a, b) => (a ?? 0) - (b ?? 0)));
    expect(groups.map((group) => group.name).sort()).toEqual(site.task_groups.map((group) => group.name).sort());
    const one = await deepomatic.getTaskGroup(groups[0].name);
    expect(one.name).toBe(groups[0].name);
    expect(one.tasks.map((task) => task.id)).toEqual(groups[0].tasks.map((task) => task.id));
    expect((await failure(deepomatic.getTaskGroup('no-such-group'))).code).toBe('not_found');

    // The documented slash-less form first; the form that answered is then the only one used.
    const calls = await ledger();
    expect(calls.map((call) => `${call.method} ${call.path}`)).toEqual(
      onDocumentedProfile()
        ? ['GET /v0.2/task-groups/', `GET /v0.2/task-groups/${groups[0].name}`, 'GET /v0.2/task-groups/no-such-group']
        : [
            'GET /v0.2/task-groups/',
            `GET /v0.2/task-groups/${groups[0].name}`,
            `GET /v0.2/task-groups/${groups[0].name}/`,
            'GET /v0.2/task-groups/no-such-group/',
          ],
    );
    expect(calls.map((call) => call.status)).toEqual(onDocumentedProfile() ? [200, 200, 404] : [200, 301, 200, 404]);
    expect(calls[0].headers.authorization).toBe(`Token ${apiKey()}`);
    expect(calls[0].headers['accept-language']).toBe('fr');
    expect(calls[0].headers['x-request-id']).toBe('int-1');
  });
});

describe('work orders', () => {
  it('listWorkOrders pages, orders and filters', async () => {
    const first = await deepomatic.listWorkOrders({ pageSize: 5, ordering: '-update_date' });
    expect(first.count).toBeGreaterThanOrEqual(5);
    // The documented site ignores `page_size`: its pages have its own size (100).
    expect(first.results).toHaveLength(onDocumentedProfile() ? Math.min(first.count, 100) : 5);
    expect(first).toMatchObject({ page: 1, pageSize: 5, previousPage: null, nextPage: 2 });
    if (onDocumentedProfile()) {
      // The documents name no update date: list rows come without one.
      expect(first.results.every((row) => row.update_date === null)).toBe(true);
    } else {
      const dates = first.results.map((row) => Date.parse(row.update_date!));
      expect(dates).toEqual([...dates].sort((a, b) => b - a));
    }
    const second = await deepomatic.listWorkOrders({ page: 2, pageSize: 5, ordering: '-update_date' });
    expect(second.previousPage).toBe(1);
    expect(second.results.map((row) => row.id)).not.toContain(first.results[0].id);
    const byName = await deepomatic.listWorkOrders({ name: first.results[0].name, pageSize: 100 });
    expect(byName.results.map((row) => row.id)).toContain(first.results[0].id);
    const calls = await ledger();
    expect(calls[0].query).toMatchObject({ page: '1', page_size: '5', ordering: '-update_date' });
  });

  it('every seeded work order, its inputs and its timeline parse (schemas vs the simulator)', async () => {
    const page = await deepomatic.listWorkOrders({ pageSize: 1000 });
    // The documented site ignores `page_size`: its pages have its own size (100).
    expect(page.results.length).toBe(Math.min(page.count, onDocumentedProfile() ? 100 : 1000));
    const outcomeTypes = new Set<string>();
    let analysedTasks = 0;
    for (const row of page.results) {
      const full = await deepomatic.getWorkOrder(row.id);
      expect(full.id).toBe(row.id);
      for (const task of full.tasks) {
        outcomeTypes.add(task.outcome_type ?? '');
        if (task.state) analysedTasks += 1;
      }
    }
    for (const row of page.results.slice(0, 20)) await deepomatic.getTimeline(row.id);
    // The seeded data is varied enough to exercise the interesting branches of the schemas.
    expect(outcomeTypes.size).toBeGreaterThan(1);
    expect(analysedTasks).toBeGreaterThan(0);
  }, 60_000);

  it('getWorkOrder with and without inputs', async () => {
    const [row] = (await deepomatic.listWorkOrders({ pageSize: 1 })).results;
    const full = await deepomatic.getWorkOrder(row.id);
    expect(full.id).toBe(row.id);
    expect(full.tasks.length).toBeGreaterThan(0);
    expect(full.tasks.every((task) => task.task_group_name)).toBe(true);
    expect(Array.isArray(full.inputs)).toBe(true);
    const light = await deepomatic.getWorkOrder(row.id, { includeInputs: false });
    expect(light.inputs).toBeUndefined();
    const calls = await ledger();
    expect(calls.at(-1)?.query).toEqual({ include_inputs: 'false' });
  });

  it('create, PATCH, PUT, metadata PATCH/PUT, timeline, delete', async () => {
    const engineer = site.technicians[0].email;
    const created = await deepomatic.createWorkOrder({
      name: `int-${Date.now()}`,
      metadata: { 'ID PB': 'Paris', count: 2 },
      tags: ['integration'],
      field_engineer_email: engineer,
    });
    expect(created.field_engineer_email).toBe(engineer);
    expect(created.progress_score).toBe(0);

    const patched = await deepomatic.updateWorkOrder(created.id, { tags: ['integration', 'patched'] });
    expect(patched.tags).toEqual(['integration', 'patched']);
    expect(patched.name).toBe(created.name);

    const replaced = await deepomatic.replaceWorkOrder(created.id, { name: `${created.name}-put`, metadata: { 'ID PB': 'Lyon' } });
    expect(replaced.name).toBe(`${created.name}-put`);
    expect(replaced.metadata).toEqual({ 'ID PB': 'Lyon' });

    const merged = await deepomatic.patchMetadata(created.id, { region: 'North' });
    expect(merged.metadata).toEqual({ 'ID PB': 'Lyon', region: 'North' });
    const replacedMetadata = await deepomatic.replaceMetadata(created.id, { only: true });
    expect(replacedMetadata.metadata).toEqual({ only: true });

    const timeline = await deepomatic.getTimeline(created.id);
    expect(timeline[0].type).toBe('work_order_created');
    expect(timeline.map((event) => event.type)).toContain('metadata_updated');
    const times = timeline.map((event) => Date.parse(event.date));
    expect(times).toEqual([...times].sort((a, b) => a - b));

    await deepomatic.deleteWorkOrder(created.id);
    expect((await failure(deepomatic.getWorkOrder(created.id))).code).toBe('not_found');

    const bodies = (await ledger()).filter((call) => call.method !== 'GET').map((call) => [call.method, call.path, call.body]);
    expect(bodies[0]).toEqual([
      'POST',
      '/v0.2/work-orders/',
      { name: created.name, metadata: { 'ID PB': 'Paris', count: 2 }, tags: ['integration'], field_engineer_email: engineer },
    ]);
    expect(bodies.map(([method, path]) => `${method} ${path}`)).toEqual([
      'POST /v0.2/work-orders/',
      `PATCH /v0.2/work-orders/${created.id}/`,
      `PUT /v0.2/work-orders/${created.id}/`,
      `PATCH /v0.2/work-orders/${created.id}/metadata/`,
      `PUT /v0.2/work-orders/${created.id}/metadata/`,
      `DELETE /v0.2/work-orders/${created.id}/`,
    ]);
  });

  it('an unknown field engineer comes back as our own reason key', async () => {
    const error = await failure(deepomatic.createWorkOrder({ name: 'int-unknown-engineer', field_engineer_email: 'nobody@nowhere.example' }));
    expect(error).toMatchObject({ code: 'upstream_rejected', fields: { field_engineer_email: 'unknown_engineer' } });
  });
});

describe('analysis and correction', () => {
  let workOrder: WorkOrder;

  beforeEach(async () => {
    workOrder = await deepomatic.createWorkOrder({ name: `int-analysis-${Date.now()}` });
  });

  it('analyze (sync), then correctTask on an analysed task; an unanalysed task is refused', async () => {
    const group = workOrder.task_groups[0];
    const result = await deepomatic.analyze(
      workOrder.id,
      { task_group_name: group.name, inputs: [{ image: { source: dataUri(photoWithFindings([], 'int-clean')) } }] },
      { language: 'de' },
    );
    expect(result.status).not.toBe('conformity_error');
    expect(result.tasks.length).toBeGreaterThan(0);
    expect((await ledger()).at(-1)?.headers['accept-language']).toBe('de');

    const untouched = workOrder.tasks.find((task) => !result.tasks.some((done) => done.id === task.id));
    expect(untouched).toBeDefined();
    expect((await failure(deepomatic.correctTask(workOrder.id, untouched!.id, true))).code).toBe('task_not_analyzed');

    const analysed = result.tasks.find((task) => task.state !== null && task.state.analyzed_value !== null);
    expect(analysed).toBeDefined();
    const task = workOrder.tasks.find((candidate) => candidate.id === analysed!.id)!;
    const value = task.outcome_type === 'Boolean' ? !analysed!.state!.analyzed_value : task.outcome_type === 'Number' ? 42 : 'corrigé';
    const corrected = await deepomatic.correctTask(workOrder.id, task.id, value);
    expect(corrected.id).toBe(task.id);
    // The answer may echo the value as text; read by the task's type it is the value sent.
    expect(normaliseTaskValue(task.outcome_type, corrected.state.corrected_value)).toBe(value);
    const after = await deepomatic.getWorkOrder(workOrder.id, { includeInputs: false });
    expect(after.tasks.find((candidate) => candidate.id === task.id)?.state?.corrected_value).toBe(value);
    const correction = (await ledger()).find((call) => call.method === 'PATCH' && call.path.endsWith('/correction/') && call.status === 200);
    // Sent as the API types it: a string compatible with the task type.
    expect(correction?.body).toEqual({ corrected_value: String(value) });
  });

  it('analyze: a data-conformity error comes back with its messages and no task', async () => {
    const result = await deepomatic.analyze(
      workOrder.id,
      {
        task_group_name: workOrder.task_groups[0].name,
        inputs: [{ image: { source: dataUri(photoWithFindings([{ code: 'blur', level: 'error' }], 'int-blur')) } }],
      },
      { language: 'fr' },
    );
    // The documented answer has no status: the error-level message says it (derived on the input).
    expect(result.status).toBe(onDocumentedProfile() ? null : 'conformity_error');
    expect(result.inputs[0].status).toBe('conformity_error');
    expect(result.tasks).toEqual([]);
    expect(result.conformity_messages.some((message) => message.code === 'blur' && message.level === 'error')).toBe(true);
  });

  it('analyzeWithCallback: 202, then the result is POSTed to our callback URL', async () => {
    const received: unknown[] = [];
    const receiver: Server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        received.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = receiver.address() as AddressInfo;
      const accepted = await deepomatic.analyzeWithCallback(
        workOrder.id,
        { task_group_name: workOrder.task_groups[0].name, inputs: [{ image: { source: dataUri(testPhoto('int-callback')) } }] },
        `http://127.0.0.1:${port}/api/analysis-callback`,
      );
      expect(accepted.status).toBe('pending');
      await vi.waitFor(() => expect(received).toHaveLength(1), { timeout: 10_000, interval: 50 });
      const payload = analysisCallbackPayloadSchema.parse(received[0]);
      expect(payload.analysis_id).toBe(accepted.analysis_id);
      expect(payload.work_order_id).toBe(workOrder.id);
    } finally {
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
    }
  });
});

describe('faults through the simulator', () => {
  const tinyBudgets = () => {
    vi.stubEnv('DEEPOMATIC_TIMEOUT_MS', '300');
    vi.stubEnv('DEEPOMATIC_DEADLINE_MS', '2000');
    vi.stubEnv('DEEPOMATIC_RETRY_BASE_MS', '5');
    vi.stubEnv('DEEPOMATIC_RETRY_MAX_DELAY_MS', '20');
    vi.stubEnv('DEEPOMATIC_MAX_RESPONSE_BYTES', String(256 * 1024));
    resetUpstreamState();
  };

  it('500s are retried for reads (3 GETs), never for a correction', async () => {
    tinyBudgets();
    await fault({ method: 'GET', path: '/v0.2/task-groups/', status: 500, times: 3 });
    expect((await failure(deepomatic.listTaskGroups())).code).toBe('upstream_error');
    await fault({ method: 'GET', path: '/v0.2/task-groups/', status: 500, times: 1 });
    await expect(deepomatic.listTaskGroups()).resolves.not.toHaveLength(0);
    await fault({ method: 'PATCH', path: '/v0.2/work-orders/**', status: 500 });
    const [row] = (await deepomatic.listWorkOrders({ pageSize: 1 })).results;
    const full = await deepomatic.getWorkOrder(row.id, { includeInputs: false });
    expect((await failure(deepomatic.correctTask(row.id, full.tasks[0].id, true))).code).toBe('upstream_error');
    const calls = await ledger();
    expect(calls.filter((call) => call.path === '/v0.2/task-groups/')).toHaveLength(5);
    expect(calls.filter((call) => call.method === 'PATCH')).toHaveLength(1);
  });

  it('a hang → upstream_timeout', async () => {
    tinyBudgets();
    await fault({ method: 'GET', path: '/v0.2/task-groups/', hang: true });
    expect((await failure(deepomatic.listTaskGroups())).code).toBe('upstream_timeout');
  });

  it('Retry-After 120 → upstream_unavailable now, and a cool-down', async () => {
    tinyBudgets();
    await fault({ method: 'GET', path: '/v0.2/task-groups/', status: 429, retryAfter: 120 });
    expect(await failure(deepomatic.listTaskGroups())).toMatchObject({ code: 'upstream_unavailable', retryAfter: 120 });
    expect(await failure(deepomatic.listWorkOrders())).toMatchObject({ code: 'upstream_unavailable' });
    expect(await ledger()).toHaveLength(1);
  });

  it.each(['html', 'wrong-shape', 'invalid-json'])('a malformed body (%s) → upstream_invalid_response', async (kind) => {
    tinyBudgets();
    await fault({ method: 'GET', path: '/v0.2/task-groups/', malformed: kind, times: 1 });
    expect((await failure(deepomatic.listTaskGroups())).code).toBe('upstream_invalid_response');
    expect(await ledger()).toHaveLength(1);
  });

  it('a huge body → upstream_too_large', async () => {
    tinyBudgets();
    await fault({ method: 'GET', path: '/v0.2/task-groups/', hugeBytes: 5 * 1024 * 1024, times: 1 });
    expect((await failure(deepomatic.listTaskGroups())).code).toBe('upstream_too_large');
  });

  it('a revoked key → upstream_auth_failed, one call, key not in the error', async () => {
    vi.stubEnv('DEEPOMATIC_API_KEY', 'revoked-key-0123456789');
    resetUpstreamState();
    const error = await failure(deepomatic.listTaskGroups());
    expect(error).toMatchObject({ code: 'upstream_auth_failed', status: 502 });
    expect(JSON.stringify(error)).not.toContain('revoked-key');
    expect(await ledger()).toHaveLength(1);
  });

  it('a redirect is refused', async () => {
    await fault({ method: 'GET', path: '/v0.2/task-groups/', status: 301, headers: { Location: `${apiUrl()}task-groups` }, times: 1 });
    expect((await failure(deepomatic.listTaskGroups())).code).toBe('upstream_redirect');
    expect(await ledger()).toHaveLength(1);
  });

  it('a slow drip is cut by the overall deadline', async () => {
    vi.stubEnv('DEEPOMATIC_TIMEOUT_MS', '60000');
    vi.stubEnv('DEEPOMATIC_DEADLINE_MS', '500');
    resetUpstreamState();
    await fault({ method: 'GET', path: '/v0.2/task-groups/', dripBytesPerSec: 20, times: 1 });
    expect((await failure(deepomatic.listTaskGroups())).code).toBe('upstream_timeout');
    expect(await ledger()).toHaveLength(1);
  });

  it('the breaker opens after consecutive failures, fails fast, and recovers after a probe', async () => {
    vi.stubEnv('DEEPOMATIC_READ_ATTEMPTS', '1');
    vi.stubEnv('DEEPOMATIC_BREAKER_THRESHOLD', '3');
    vi.stubEnv('DEEPOMATIC_BREAKER_HALF_OPEN_MS', '200');
    resetUpstreamState();
    await fault({ method: 'GET', path: '/v0.2/**', status: 502 });
    const codes: string[] = [];
    for (let i = 0; i < 8; i++) codes.push((await failure(deepomatic.listTaskGroups())).code);
    expect(codes).toEqual([...Array(3).fill('upstream_error'), ...Array(5).fill('upstream_unavailable')]);
    expect(await ledger()).toHaveLength(3);
    await admin('DELETE', '/faults');
    await new Promise((resolve) => setTimeout(resolve, 250));
    await expect(deepomatic.listTaskGroups()).resolves.not.toHaveLength(0);
    expect(await checkUpstream()).toMatchObject({ ok: true, breaker: 'closed' });
  });

  it('the simulator only ever sees our own headers', async () => {
    await deepomatic.correctTask(WO_NOT_FOUND, '16a31c29-6689-4e28-bf55-6bb8d13a4cc9', true).catch(() => undefined);
    await deepomatic.listTaskGroups({ language: 'es' });
    // The correction's PATCH has a body.
    const allowed = new Set([...UPSTREAM_REQUEST_HEADERS, 'content-type', 'content-length']);
    const calls = await ledger();
    expect(calls).toHaveLength(2);
    for (const call of calls) {
      for (const name of Object.keys(call.headers)) expect(allowed.has(name.toLowerCase()), name).toBe(true);
      expect(call.headers.authorization).toBe(`Token ${apiKey()}`);
    }
    expect(calls[0].headers['content-type']).toBe('application/json');
    expect(calls[1].headers['content-type']).toBeUndefined();
  });

  it('checkUpstream reports ok against the simulator', async () => {
    expect(await checkUpstream()).toMatchObject({ ok: true, configured: true, breaker: 'closed' });
  });
});

afterAll(async () => {
  await admin('DELETE', '/faults');
});
