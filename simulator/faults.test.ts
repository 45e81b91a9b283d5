import { request } from 'node:http';
import { afterAll, beforeAll, vi, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from './server';
import { admin, api, type AnyJson } from '@/test/harness/simulator-api';

// Real HTTP on a shared 2-core machine: generous per-test time, no wall-clock assertions.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

let sim: RunningSimulator;
let workOrderId: string;

beforeAll(async () => {
  sim = await startSimulator({ workOrders: 30, seed: 'faults-test', apiKeys: ['canary-key'] });
  workOrderId = (await api(sim, 'GET', 'work-orders/?page_size=1')).body.results[0].id;
});
afterAll(() => sim.close());
beforeEach(async () => {
  await admin(sim, 'DELETE', '/faults');
  await admin(sim, 'DELETE', '/ledger');
});

async function fault(spec: Record<string, unknown>): Promise<AnyJson> {
  const response = await admin(sim, 'POST', '/faults', { body: spec });
  expect(response.status).toBe(201);
  return response.body;
}

/** Status, headers and the raw body bytes as they came, or the socket error. */
function rawGet(path: string, timeoutMs = 5000): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer; error?: string }> {
  return new Promise((resolve) => {
    const url = new URL(path, sim.url);
    const req = request(url, { headers: { Authorization: 'Token canary-key' }, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', (e) => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), error: e.message }));
      res.on('aborted', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), error: 'aborted' }));
    });
    req.on('timeout', () => {
      req.destroy();
      resolve({ status: 0, headers: {}, body: Buffer.alloc(0), error: 'timeout' });
    });
    req.on('error', (e) => resolve({ status: 0, headers: {}, body: Buffer.alloc(0), error: (e as NodeJS.ErrnoException).code ?? e.message }));
    req.end();
  });
}

describe('admin API', () => {
  it('requires the admin token, except health', async () => {
    expect((await admin(sim, 'GET', '/ledger', { anonymous: true })).status).toBe(401);
    expect((await admin(sim, 'GET', '/ledger', { headers: { Authorization: 'Bearer wrong' } })).status).toBe(401);
    expect((await admin(sim, 'GET', '/ledger', { headers: { Authorization: 'Token canary-key' } })).status).toBe(401);
    expect((await admin(sim, 'GET', '/health', { anonymous: true })).body).toMatchObject({ status: 'ok', work_orders: 30 });
  });
  it('validates fault bodies', async () => {
    expect((await admin(sim, 'POST', '/faults', { body: {} })).status).toBe(400);
    expect((await admin(sim, 'POST', '/faults', { body: { path: '^(' } })).body).toEqual({ path: ['Invalid regular expression.'] });
    expect((await admin(sim, 'POST', '/faults', { body: { path: '/x', status: 42 } })).status).toBe(400);
    expect((await admin(sim, 'POST', '/faults', { body: { path: '/x', malformed: 'weird' } })).status).toBe(400);
    expect((await admin(sim, 'POST', '/faults', { body: { path: '/x', headers: { 'Bad Name': 'x' } } })).status).toBe(400);
    expect((await admin(sim, 'POST', '/faults', { body: { path: '/x', headers: { 'X-Ok': 'a\r\nInjected: 1' } } })).status).toBe(400);
  });
  it('lists and deletes faults one by one', async () => {
    const created = await fault({ path: '/v0.2/task-groups/', status: 503 });
    expect((await admin(sim, 'GET', '/faults')).body.map((f: AnyJson) => f.id)).toEqual([created.id]);
    expect((await admin(sim, 'DELETE', `/faults/${created.id}`)).status).toBe(204);
    expect((await admin(sim, 'DELETE', `/faults/${created.id}`)).status).toBe(404);
    expect((await api(sim, 'GET', 'task-groups/')).status).toBe(200);
  });
  it('exposes the site: technicians, user groups, types, metadata definitions', async () => {
    const site = (await admin(sim, 'GET', '/site')).body;
    expect(site.technicians.length).toBeGreaterThan(5);
    expect(site.user_groups.length).toBe(4);
    expect(site.work_order_types.map((t: AnyJson) => t.name)).toContain('raccordement');
    expect(site.metadata_definitions.map((m: AnyJson) => m.name)).toContain('ID PB');
  });
});

describe('ledger', () => {
  it('records method, path, query, headers (key included) and body', async () => {
    await api(sim, 'GET', 'work-orders/?page_size=2&ordering=-update_date');
    await api(sim, 'PATCH', `work-orders/${workOrderId}/metadata/`, { body: { region: 'Nord' } });
    const entries = (await admin(sim, 'GET', '/ledger')).body;
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({
      method: 'GET',
      path: '/v0.2/work-orders/',
      query: { page_size: '2', ordering: '-update_date' },
      status: 200,
      faultId: null,
    });
    expect(entries[0].headers.authorization).toBe('Token canary-key');
    expect(entries[1]).toMatchObject({ method: 'PATCH', body: { region: 'Nord' }, status: 200 });
    expect((await admin(sim, 'GET', '/ledger?method=patch')).body).toHaveLength(1);
    expect((await admin(sim, 'GET', `/ledger?since=${entries[0].seq}`)).body).toHaveLength(1);
    await admin(sim, 'DELETE', '/ledger');
    expect((await admin(sim, 'GET', '/ledger')).body).toEqual([]);
  });
});

describe('faults', () => {
  it('status for N calls, then normal service (glob path, method filter)', async () => {
    const created = await fault({ method: 'GET', path: '/v0.2/work-orders/*/', status: 500, times: 2 });
    expect((await api(sim, 'GET', `work-orders/${workOrderId}/`)).body).toEqual({ detail: 'A server error occurred.' });
    expect((await api(sim, 'PATCH', `work-orders/${workOrderId}/`, { body: {} })).status).toBe(200);
    expect((await api(sim, 'GET', `work-orders/${workOrderId}/`)).status).toBe(500);
    expect((await api(sim, 'GET', `work-orders/${workOrderId}/`)).status).toBe(200);
    expect((await api(sim, 'GET', 'work-orders/')).status).toBe(200);
    const ledger = (await admin(sim, 'GET', '/ledger?method=GET')).body;
    expect(ledger.filter((e: AnyJson) => e.faultId === created.id)).toHaveLength(2);
  });
  it('regex paths, custom body and headers', async () => {
    await fault({ path: '^/v0\\.2/task-groups/.*$', status: 418, body: { detail: 'teapot' }, headers: { 'X-Fault': 'yes' } });
    const response = await api(sim, 'GET', 'task-groups/pm-ouvert-avant/');
    expect(response).toMatchObject({ status: 418, body: { detail: 'teapot' } });
    expect(response.headers.get('x-fault')).toBe('yes');
  });
  it('Retry-After in seconds (429 by default) or as an HTTP date', async () => {
    await fault({ path: '/v0.2/task-groups/', retryAfter: 1, times: 1 });
    const throttled = await api(sim, 'GET', 'task-groups/');
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('1');
    const date = new Date(Date.now() + 120_000).toUTCString();
    await fault({ path: '/v0.2/task-groups/', status: 503, retryAfter: date, times: 1 });
    const unavailable = await api(sim, 'GET', 'task-groups/');
    expect(unavailable.status).toBe(503);
    expect(unavailable.headers.get('retry-after')).toBe(date);
    expect((await api(sim, 'GET', 'task-groups/')).status).toBe(200);
  });
  it('delay, then the normal answer', async () => {
    await fault({ path: '/v0.2/task-groups/', delayMs: 50, times: 1 });
    expect((await api(sim, 'GET', 'task-groups/')).status).toBe(200);
  });
  it('hang: headers never come', async () => {
    await fault({ path: '/v0.2/task-groups/', hang: true, times: 1 });
    const result = await rawGet('/v0.2/task-groups/', 300);
    expect(result.error).toBe('timeout');
    expect((await admin(sim, 'GET', '/ledger')).body[0].status).toBeNull();
  });
  it('drip: the real body, slowly', async () => {
    await fault({ path: '/v0.2/task-groups/PM-ferme-apres/', dripBytesPerSec: 20_000, times: 1 });
    const dripped = await rawGet('/v0.2/task-groups/PM-ferme-apres/');
    const normal = await rawGet('/v0.2/task-groups/PM-ferme-apres/');
    expect(dripped.status).toBe(200);
    expect(JSON.parse(dripped.body.toString()).name).toBe('PM-ferme-apres');
    expect(dripped.body.length).toBe(normal.body.length);
  });
  it('drip: true sends a few bytes at a time', async () => {
    await fault({ path: '/v0.2/task-groups/', drip: true, times: 1 });
    const partial = await new Promise<{ status: number; bytes: number; total: number }>((resolve) => {
      const req = request(new URL('/v0.2/task-groups/', sim.url), { headers: { Authorization: 'Token canary-key' } }, (res) => {
        let bytes = 0;
        res.on('data', (c: Buffer) => (bytes += c.length));
        res.on('error', () => undefined);
        // Bounded: look at what arrived after a few ticks, then hang up.
        setTimeout(() => {
          resolve({ status: res.statusCode ?? 0, bytes, total: Number(res.headers['content-length']) });
          req.destroy();
        }, 700);
      });
      req.on('error', () => undefined);
      req.end();
    });
    expect(partial.status).toBe(200);
    expect(partial.bytes).toBeGreaterThan(0);
    expect(partial.bytes).toBeLessThan(partial.total);
  });
  it.each([
    ['html', (r: AnyJson) => expect(r.headers['content-type']).toBe('text/html')],
    ['wrong-shape', (r: AnyJson) => expect(JSON.parse(r.body.toString())).toEqual({ unexpected: true, results: 'not-a-list', id: 42 })],
    ['invalid-json', (r: AnyJson) => expect(() => JSON.parse(r.body.toString())).toThrow()],
  ])('malformed %s', async (kind, check) => {
    await fault({ path: `/v0.2/work-orders/${workOrderId}/`, malformed: kind, times: 1 });
    const result = await rawGet(`/v0.2/work-orders/${workOrderId}/`);
    expect(result.status).toBe(200);
    check(result);
  });
  it('malformed truncated: half the body, then the connection drops', async () => {
    await fault({ path: `/v0.2/work-orders/${workOrderId}/`, malformed: 'truncated', times: 1 });
    const result = await rawGet(`/v0.2/work-orders/${workOrderId}/`);
    expect(result.status).toBe(200);
    expect(result.error).toBeDefined();
    expect(Number(result.headers['content-length'])).toBeGreaterThan(result.body.length);
  });
  it('huge body', async () => {
    await fault({ path: '/v0.2/work-orders/', hugeBytes: 3_000_000, times: 1 });
    const result = await rawGet('/v0.2/work-orders/');
    expect(result.body.length).toBe(3_000_000);
    expect(JSON.parse(result.body.toString()).padding).toHaveLength(3_000_000 - 14);
  });
  it('connection reset before anything is applied', async () => {
    await fault({ method: 'PATCH', path: '/v0.2/work-orders/**', reset: true, times: 1 });
    const before = (await api(sim, 'GET', `work-orders/${workOrderId}/`)).body;
    await expect(api(sim, 'PATCH', `work-orders/${workOrderId}/`, { body: { tags: ['reset'] } })).rejects.toThrow();
    expect((await api(sim, 'GET', `work-orders/${workOrderId}/`)).body.tags).toEqual(before.tags);
  });
  it('apply then fail: the change is made, the answer is a 500 (or a reset, or a hang)', async () => {
    await fault({ method: 'PATCH', path: '/v0.2/work-orders/*/', applyThenFail: true, times: 1 });
    const failed = await api(sim, 'PATCH', `work-orders/${workOrderId}/`, { body: { tags: ['applied'] } });
    expect(failed.status).toBe(500);
    expect((await api(sim, 'GET', `work-orders/${workOrderId}/`)).body.tags).toEqual(['applied']);

    await fault({ method: 'PATCH', path: '/v0.2/work-orders/*/', applyThenFail: true, reset: true, times: 1 });
    await expect(api(sim, 'PATCH', `work-orders/${workOrderId}/`, { body: { tags: ['applied-2'] } })).rejects.toThrow();
    expect((await api(sim, 'GET', `work-orders/${workOrderId}/`)).body.tags).toEqual(['applied-2']);

    await fault({ method: 'PATCH', path: '/v0.2/work-orders/*/', applyThenFail: true, hang: true, times: 1 });
    const hung = await fetch(`${sim.apiUrl}work-orders/${workOrderId}/`, {
      method: 'PATCH',
      headers: { Authorization: 'Token canary-key', 'Content-Type': 'application/json' },
      body: JSON.stringify({ tags: ['applied-3'] }),
      signal: AbortSignal.timeout(300),
    }).catch((e: Error) => e.name);
    expect(hung).toBe('TimeoutError');
    expect((await api(sim, 'GET', `work-orders/${workOrderId}/`)).body.tags).toEqual(['applied-3']);
  });
  it('media URLs can fail too', async () => {
    const url = (await api(sim, 'GET', 'task-groups/pm-ouvert-avant/')).body.input_examples[0];
    await fault({ path: '/media/**', status: 503, times: 1 });
    expect((await fetch(url)).status).toBe(503);
    expect((await fetch(url)).status).toBe(200);
  });
});

describe('reset', () => {
  it('restores the seeded state and clears faults and ledger', async () => {
    const own = await startSimulator({ workOrders: 15, seed: 'reset-test' });
    try {
      const before = (await api(own, 'GET', 'work-orders/?page_size=100')).body;
      const target = before.results[0];
      await api(own, 'PATCH', `work-orders/${target.id}/`, { body: { tags: ['changed'] } });
      await api(own, 'DELETE', `work-orders/${before.results[1].id}/`);
      await api(own, 'POST', 'work-orders/', { body: { name: 'extra' } });
      await admin(own, 'POST', '/faults', { body: { path: '/nothing', status: 500 } });
      const reset = await admin(own, 'POST', '/reset');
      expect(reset.body).toMatchObject({ status: 'reset', work_orders: 15 });
      expect((await api(own, 'GET', 'work-orders/?page_size=100')).body).toEqual(before);
      expect((await admin(own, 'GET', '/faults')).body).toEqual([]);
      expect((await admin(own, 'GET', '/ledger')).body.length).toBe(1);
    } finally {
      await own.close();
    }
  });
});
