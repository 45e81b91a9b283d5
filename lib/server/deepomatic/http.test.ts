import { randomUUID } from 'node:crypto';
import { cpSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inspect } from 'node:util';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppError } from '@/lib/server/http/errors';
import { checkUpstream, deepomatic } from './index';
import { getBreakerState, parseRetryAfter, resetUpstreamState } from './http';
import { empty, hang, json, startFakeUpstream, type FakeUpstream, type Handler } from '@/test/fakes/upstream';
import { mayStillLand } from './in-flight';
import { resetShapeNotes } from './shape-notes';
import { failure } from '@/test/harness/failure';
import { blankSummaryFields, UPSTREAM_REQUEST_HEADERS } from '@/test/fixtures/deepomatic';

// `logLines`: this test's log output; `allLogLines`: the whole suite's (checked for the key at the end).
const { logLines, allLogLines } = vi.hoisted(() => ({ logLines: [] as string[], allLogLines: [] as string[] }));
vi.mock('@/lib/server/logger', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@/lib/server/logger')>();
  const write = (line: string) => {
    logLines.push(line);
    allLogLines.push(line);
  };
  return { ...actual, logger: actual.createLogger({ write }, 'debug') };
});

const CANARY = `canary-${randomUUID().replaceAll('-', '')}`;
const WO = '3f6c1d2e-8a4b-4c5d-9e7f-0a1b2c3d4e5f';
const TASK = '16a31c29-6689-4e28-bf55-6bb8d13a4cc9';

const workOrder = (overrides: Record<string, unknown> = {}) => ({
  id: WO,
  name: 'CANARY-WO-7d2f',
  site_id: 'ed8cf35c-6325-4d38-86da-e8fb21c3d792',
  app_version_id: '90bf1a2c-9437-4594-af13-361e1c3270ba',
  create_date: '2023-02-13T15:59:31.200860Z',
  update_date: '2023-02-13T16:20:02.511009Z',
  ...blankSummaryFields(),
  progress_score: 0,
  task_groups: [],
  tasks: [],
  ...overrides,
});

let upstream: FakeUpstream;

function env(overrides: Record<string, string> = {}) {
  const values: Record<string, string> = {
    DEEPOMATIC_API_URL: upstream.apiUrl.replace(/\/$/, ''), // the client adds the missing slash
    DEEPOMATIC_API_KEY: CANARY,
    // Generous: the fake upstream shares this process, and on a busy machine it may take a
    // second to answer. A test about timeouts sets its own short ones.
    DEEPOMATIC_TIMEOUT_MS: '10000',
    DEEPOMATIC_DEADLINE_MS: '20000',
    DEEPOMATIC_WRITE_TIMEOUT_MS: '10000',
    DEEPOMATIC_WRITE_DEADLINE_MS: '20000',
    DEEPOMATIC_ANALYZE_TIMEOUT_MS: '10000',
    DEEPOMATIC_RETRY_BASE_MS: '5',
    DEEPOMATIC_RETRY_MAX_DELAY_MS: '20',
    DEEPOMATIC_MAX_RESPONSE_BYTES: String(64 * 1024),
    DEEPOMATIC_BREAKER_THRESHOLD: '5',
    DEEPOMATIC_BREAKER_HALF_OPEN_MS: '200',
    ...overrides,
  };
  for (const [name, value] of Object.entries(values)) vi.stubEnv(name, value);
  resetUpstreamState();
}

function upstreamCallLogs() {
  return logLines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((entry) => entry.event === 'upstream_call');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A second, separate instance of one of this folder's modules (and of what it imports), as another chunk of the build holds. */
async function otherCopyOf<T>(path: string): Promise<T> {
  vi.resetModules();
  try {
    return (await import(/* @vite-ignore */ path)) as T;
  } finally {
    vi.resetModules();
  }
}

/** A second copy of the resilience library from its own files: its error classes are not this copy's. */
function otherCopyOfCockatiel(): typeof import('cockatiel') {
  const dir = mkdtempSync(path.join(tmpdir(), 'cockatiel-copy-'));
  cpSync(path.dirname(createRequire(import.meta.url).resolve('cockatiel/package.json')), dir, { recursive: true });
  return createRequire(path.join(dir, 'package.json'))(dir) as typeof import('cockatiel');
}

beforeEach(async () => {
  logLines.length = 0;
  upstream = await startFakeUpstream();
  env();
});

afterEach(async () => {
  vi.unstubAllEnvs();
  await upstream.close();
});

afterAll(() => {
  // The API key never appears in any log line of the whole suite.
  expect(allLogLines.length).toBeGreaterThan(50);
  for (const line of allLogLines) expect(line).not.toContain(CANARY);
});

describe('requests', () => {
  it('GETs a work order at the exact path with an allowlist of headers, none taken from the caller', async () => {
    upstream.script(json(200, workOrder()));
    const result = await deepomatic.getWorkOrder(WO.toUpperCase(), { includeInputs: false }, { language: 'fr', requestId: 'req-123' });
    expect(result.name).toBe('CANARY-WO-7d2f');
    expect(upstream.ledger).toHaveLength(1);
    const [call] = upstream.ledger;
    expect(call.method).toBe('GET');
    expect(call.url).toBe(`/v0.2/work-orders/${WO}/?include_inputs=false`);
    expect(call.headers.authorization).toBe(`Token ${CANARY}`);
    expect(call.headers.accept).toBe('application/json');
    expect(call.headers['accept-language']).toBe('fr');
    expect(call.headers['x-request-id']).toBe('req-123');
    expect(call.headers['user-agent']).toMatch(/^FieldReview\//);
    // Ours, plus what Node's fetch adds itself.
    const allowed = new Set(UPSTREAM_REQUEST_HEADERS);
    for (const name of Object.keys(call.headers)) expect(allowed.has(name), name).toBe(true);
  });

  it('falls back to English and replaces an unsafe request id', async () => {
    upstream.script(json(200, []));
    await deepomatic.listTaskGroups({ language: 'xx' as 'en', requestId: '../../etc\r\nX-Evil: 1' });
    const [call] = upstream.ledger;
    expect(call.headers['accept-language']).toBe('en');
    expect(call.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(call.headers['x-evil']).toBeUndefined();
  });

  it('sends bodies rebuilt from parsed fields, with Content-Type (the name exactly as given: any value is a valid name)', async () => {
    upstream.script(json(201, workOrder({ name: 'wo-1', metadata: { 'ID PB': 'Paris' } })));
    const created = await deepomatic.createWorkOrder({ name: ' wo-1 ', metadata: { 'ID PB': 'Paris' }, tags: ['a'] });
    expect(created.metadata).toEqual({ 'ID PB': 'Paris' });
    const [call] = upstream.ledger;
    expect(call.method).toBe('POST');
    expect(call.url).toBe('/v0.2/work-orders/');
    expect(call.headers['content-type']).toBe('application/json');
    expect(JSON.parse(call.body)).toEqual({ name: ' wo-1 ', metadata: { 'ID PB': 'Paris' }, tags: ['a'] });
  });

  it('refuses unknown or invalid input before any upstream call', async () => {
    const extra = await failure(deepomatic.createWorkOrder({ name: 'x', state: {} } as never));
    expect(extra.code).toBe('validation_failed');
    expect(extra.fields).toEqual({ state: 'unknown_field' });
    const value = await failure(deepomatic.correctTask(WO, TASK, Number.POSITIVE_INFINITY));
    expect(value.code).toBe('validation_failed');
    const proto = await failure(deepomatic.patchMetadata(WO, JSON.parse('{"__proto__": {"x": 1}}') as Record<string, string>));
    expect(proto.code).toBe('validation_failed');
    const nested = await failure(deepomatic.createWorkOrder({ name: 'x', metadata: JSON.parse('{"constructor": "y"}') as Record<string, string> }));
    expect(nested.fields).toEqual({ metadata: 'invalid_format' });
    const email = await failure(deepomatic.createWorkOrder({ name: 'x', field_engineer_email: 'not-an-email' }));
    expect(email.fields).toEqual({ field_engineer_email: 'invalid_email' });
    const id = await failure(deepomatic.getWorkOrder('../../task-groups'));
    expect(id.code).toBe('invalid_id');
    expect(upstream.ledger).toHaveLength(0);
  });

  it('lists work orders: query from parsed params, upstream links reduced to page numbers', async () => {
    const summary = Object.fromEntries(Object.entries(workOrder()).filter(([key]) => key !== 'task_groups' && key !== 'tasks'));
    upstream.script(
      json(200, {
        count: 250,
        next: `${upstream.apiUrl}work-orders/?page=3&page_size=100`,
        previous: `${upstream.apiUrl}work-orders/?page_size=100`,
        results: [summary],
      }),
      json(200, [summary, summary]),
    );
    const page = await deepomatic.listWorkOrders({ page: 2, ordering: '-update_date', name: 'CANARY', updatedAfter: '2023-02-13T16:20:02+01:00' });
    expect(page).toMatchObject({ count: 250, page: 2, pageSize: 100, nextPage: 3, previousPage: 1 });
    expect(JSON.stringify(page)).not.toContain(upstream.url);
    const query = new URL(upstream.ledger[0].url, upstream.url).searchParams;
    expect(Object.fromEntries(query)).toEqual({
      page: '2',
      page_size: '100',
      ordering: '-update_date',
      name: 'CANARY',
      updated_after: '2023-02-13T15:20:02.000Z',
    });
    expect(await deepomatic.listWorkOrders()).toMatchObject({ count: 2, nextPage: null, previousPage: null });
  });

  it('DELETE resolves on 204; 404 becomes not_found', async () => {
    upstream.script(empty(204), json(404, { detail: 'Not found.' }));
    await expect(deepomatic.deleteWorkOrder(WO)).resolves.toBeUndefined();
    expect((await failure(deepomatic.getWorkOrder(WO))).code).toBe('not_found');
    expect(upstream.ledger.map((call) => call.method)).toEqual(['DELETE', 'GET']);
  });
});

describe('retries', () => {
  it('three 500s → upstream_error after exactly 3 GETs', async () => {
    upstream.script(json(500, { detail: 'boom' }));
    const error = await failure(deepomatic.getWorkOrder(WO));
    expect(error.code).toBe('upstream_error');
    expect(error.status).toBe(502);
    expect(error.details).toEqual({ retryable: true });
    expect(upstream.ledger).toHaveLength(3);
    expect(upstreamCallLogs().map((entry) => entry.attempt)).toEqual([1, 2, 3]);
  });

  it('backoff delays are jittered (not all equal across calls)', async () => {
    env({ DEEPOMATIC_RETRY_BASE_MS: '40', DEEPOMATIC_RETRY_MAX_DELAY_MS: '40', DEEPOMATIC_BREAKER_THRESHOLD: '100' });
    upstream.script(json(500, {}));
    const gaps: number[] = [];
    for (let i = 0; i < 4; i++) {
      upstream.ledger.length = 0;
      await failure(deepomatic.listTaskGroups());
      gaps.push(upstream.ledger[1].at - upstream.ledger[0].at);
    }
    expect(new Set(gaps).size).toBeGreaterThan(1);
  });

  it('a 500 then a 200 → success after 2 GETs', async () => {
    upstream.script(json(500, {}), json(200, workOrder()));
    await expect(deepomatic.getWorkOrder(WO)).resolves.toMatchObject({ id: WO });
    expect(upstream.ledger).toHaveLength(2);
  });

  it('never retries a PATCH, POST, PUT or DELETE that reached the upstream', async () => {
    upstream.script(json(500, {}));
    expect((await failure(deepomatic.correctTask(WO, TASK, true))).code).toBe('upstream_error');
    expect((await failure(deepomatic.updateWorkOrder(WO, { tags: ['x'] }))).code).toBe('upstream_error');
    expect((await failure(deepomatic.replaceWorkOrder(WO, { name: 'x' }))).code).toBe('upstream_error');
    expect((await failure(deepomatic.deleteWorkOrder(WO))).code).toBe('upstream_error');
    expect((await failure(deepomatic.analyze(WO, { task_group_name: 'g', inputs: [{ image: { source: 'https://x.example/a.jpg' } }] }))).code).toBe(
      'upstream_error',
    );
    expect(upstream.ledger.map((call) => call.method)).toEqual(['PATCH', 'PATCH', 'PUT', 'DELETE', 'POST']);
  });

  it('503 without Retry-After is retried like a 500, then upstream_unavailable', async () => {
    upstream.script(empty(503));
    const error = await failure(deepomatic.listTaskGroups());
    expect(error.code).toBe('upstream_unavailable');
    expect(error.retryAfter).toBeUndefined();
    expect(upstream.ledger).toHaveLength(3);
  });

  it('ECONNREFUSED is retried for GET and, since nothing was sent, for PATCH too', async () => {
    const closedUrl = upstream.apiUrl;
    await upstream.close();
    env({ DEEPOMATIC_API_URL: closedUrl, DEEPOMATIC_BREAKER_THRESHOLD: '100' });
    expect((await failure(deepomatic.getWorkOrder(WO))).code).toBe('upstream_error');
    expect((await failure(deepomatic.correctTask(WO, TASK, true))).code).toBe('upstream_error');
    const attempts = upstreamCallLogs().map((entry) => `${entry.method}#${entry.attempt}`);
    expect(attempts).toEqual(['GET#1', 'GET#2', 'GET#3', 'PATCH#1', 'PATCH#2']);
    upstream = await startFakeUpstream(); // for afterEach
  });

  it('a connection reset after sending is not retried for PATCH (it may have been applied)', async () => {
    upstream.script((_req, res) => {
      res.socket?.destroy();
    });
    expect((await failure(deepomatic.correctTask(WO, TASK, true))).code).toBe('upstream_error');
    expect(upstream.ledger).toHaveLength(1);
  });
});

describe('deadlines', () => {
  it('a hanging upstream → upstream_timeout, each attempt cut by the attempt timeout', async () => {
    env({ DEEPOMATIC_TIMEOUT_MS: '150', DEEPOMATIC_DEADLINE_MS: '3000' });
    upstream.script(hang);
    const error = await failure(deepomatic.getWorkOrder(WO));
    expect(error.code).toBe('upstream_timeout');
    expect(error.status).toBe(504);
    expect(upstream.ledger).toHaveLength(3);
    await vi.waitFor(() => expect(upstream.inFlight()).toBe(0)); // every socket was closed
  });

  it('a slow drip body is stopped by the one overall deadline', async () => {
    env({ DEEPOMATIC_TIMEOUT_MS: '60000', DEEPOMATIC_DEADLINE_MS: '400' });
    upstream.script((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('{"id":');
      const timer = setInterval(() => res.write(' '), 50);
      res.on('close', () => clearInterval(timer));
    });
    const error = await failure(deepomatic.getWorkOrder(WO));
    expect(error.code).toBe('upstream_timeout');
    expect(upstream.ledger).toHaveLength(1);
    await vi.waitFor(() => expect(upstream.inFlight()).toBe(0));
  });

  it('the caller abort signal stops the call and is rethrown as is', async () => {
    upstream.script(hang);
    const controller = new AbortController();
    const call = deepomatic.getWorkOrder(WO, {}, { signal: controller.signal });
    await vi.waitFor(() => expect(upstream.ledger).toHaveLength(1));
    controller.abort();
    await expect(call).rejects.toMatchObject({ name: 'AbortError' });
    expect(upstream.ledger).toHaveLength(1);
  });
});

describe('whether a failed write may still be applied later (mayStillLand)', () => {
  it('yes when no answer came: attempt timeout, deadline, connection cut after sending', async () => {
    env({ DEEPOMATIC_WRITE_TIMEOUT_MS: '150', DEEPOMATIC_WRITE_DEADLINE_MS: '3000' });
    upstream.script(hang);
    const timedOut = await failure(deepomatic.correctTask(WO, TASK, true));
    expect(timedOut.code).toBe('upstream_timeout');
    expect(mayStillLand(timedOut)).toBe(true);

    env({ DEEPOMATIC_WRITE_TIMEOUT_MS: '60000', DEEPOMATIC_WRITE_DEADLINE_MS: '200' });
    upstream.script(hang);
    const pastDeadline = await failure(deepomatic.correctTask(WO, TASK, true));
    expect(pastDeadline.code).toBe('upstream_timeout');
    expect(mayStillLand(pastDeadline)).toBe(true);

    env();
    upstream.script((_req, res) => {
      res.socket?.destroy();
    });
    expect(mayStillLand(await failure(deepomatic.correctTask(WO, TASK, true)))).toBe(true);
  });

  it('yes when a gateway answered 504 (it stopped waiting for the server behind it)', async () => {
    upstream.script(json(504, {}));
    expect(mayStillLand(await failure(deepomatic.correctTask(WO, TASK, true)))).toBe(true);
  });

  it('no when the upstream answered with a status', async () => {
    for (const status of [500, 502, 503, 400, 404]) {
      upstream.script(json(status, {}));
      const answered = await failure(deepomatic.correctTask(WO, TASK, true));
      expect(mayStillLand(answered), String(status)).toBe(false);
    }
    // The answer's headers came, then the body was cut: the request was complete.
    upstream.script((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('{"id":');
      setImmediate(() => res.socket?.destroy());
    });
    expect(mayStillLand(await failure(deepomatic.correctTask(WO, TASK, true)))).toBe(false);
  });

  it('no when the connection never opened (nothing was sent)', async () => {
    const closedUrl = upstream.apiUrl;
    await upstream.close();
    env({ DEEPOMATIC_API_URL: closedUrl, DEEPOMATIC_BREAKER_THRESHOLD: '100' });
    const refused = await failure(deepomatic.correctTask(WO, TASK, true));
    expect(refused.code).toBe('upstream_error');
    expect(mayStillLand(refused)).toBe(false);
    upstream = await startFakeUpstream(); // for afterEach
  });
});

describe('Retry-After and the shared cool-down', () => {
  it('429 Retry-After: 1 then 200 → success, the second GET waits ≥ 1 s', async () => {
    env({ DEEPOMATIC_DEADLINE_MS: '4000' });
    upstream.script(json(429, { detail: 'throttled' }, { 'Retry-After': '1' }), json(200, []));
    await expect(deepomatic.listTaskGroups()).resolves.toEqual([]);
    expect(upstream.ledger).toHaveLength(2);
    expect(upstream.ledger[1].at - upstream.ledger[0].at).toBeGreaterThanOrEqual(950);
  });

  it('429 Retry-After: 120 → upstream_unavailable at once, later calls fail fast without the upstream', async () => {
    upstream.script(json(429, { detail: 'throttled' }, { 'Retry-After': '120' }));
    const first = await failure(deepomatic.listTaskGroups());
    expect(first.code).toBe('upstream_unavailable');
    expect(first.status).toBe(503);
    expect(first.retryAfter).toBe(120);
    const second = await failure(deepomatic.getWorkOrder(WO));
    expect(second.code).toBe('upstream_unavailable');
    expect(second.retryAfter).toBeGreaterThanOrEqual(119);
    expect(await failure(deepomatic.correctTask(WO, TASK, true))).toMatchObject({ code: 'upstream_unavailable' });
    expect(upstream.ledger).toHaveLength(1);
  });

  it('Retry-After as an HTTP date is honoured', async () => {
    const date = new Date(Date.now() + 120_000).toUTCString();
    upstream.script(empty(503, { 'Retry-After': date }));
    const error = await failure(deepomatic.listTaskGroups());
    expect(error.code).toBe('upstream_unavailable');
    expect(error.retryAfter).toBeGreaterThanOrEqual(118);
    expect(error.retryAfter).toBeLessThanOrEqual(120);
    expect(upstream.ledger).toHaveLength(1);
  });

  it('parses both Retry-After forms', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('7', now)).toBe(7000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('99999999', now)).toBe(24 * 3600 * 1000);
  });
});

describe('response checks', () => {
  it('HTML with 200 → upstream_invalid_response, no retry, log has length and hash only', async () => {
    const html = '<html><body>Proxy error SECRET-PAGE-TEXT</body></html>';
    upstream.script((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end(html);
    });
    expect((await failure(deepomatic.getWorkOrder(WO))).code).toBe('upstream_invalid_response');
    expect(upstream.ledger).toHaveLength(1);
    const entry = logLines.map((line) => JSON.parse(line) as Record<string, unknown>).find((line) => line.event === 'upstream_invalid_response');
    expect(entry).toMatchObject({ reason: 'content_type', length: html.length });
    expect(entry?.sha256).toMatch(/^[0-9a-f]{16}$/);
    expect(logLines.join('\n')).not.toContain('SECRET-PAGE-TEXT');
  });

  it('truncated JSON (socket destroyed mid-body) is retried', async () => {
    upstream.script(
      (_req, res) => {
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '5000' });
        res.write('{"id": "3f6c1d2e-');
        setTimeout(() => res.socket?.destroy(), 10);
      },
      json(200, workOrder()),
    );
    await expect(deepomatic.getWorkOrder(WO)).resolves.toMatchObject({ id: WO });
    expect(upstream.ledger).toHaveLength(2);
  });

  it('valid JSON of the wrong shape → upstream_invalid_response, no retry, issues logged', async () => {
    upstream.script(json(200, workOrder({ progress_score: '100; DROP' })));
    expect((await failure(deepomatic.getWorkOrder(WO))).code).toBe('upstream_invalid_response');
    expect(upstream.ledger).toHaveLength(1);
    const entry = logLines.map((line) => JSON.parse(line) as Record<string, unknown>).find((line) => line.event === 'upstream_invalid_response');
    expect(entry).toMatchObject({ reason: 'schema', issues: [{ path: 'progress_score' }] });
    expect(logLines.join('\n')).not.toContain('DROP');
  });

  it('a 50 MB body stops at the cap → upstream_too_large', async () => {
    let written = 0;
    upstream.script((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      const chunk = Buffer.alloc(16 * 1024, 0x20);
      const pump = () => {
        while (written < 50 * 1024 * 1024) {
          written += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      res.on('close', () => (written = written === 0 ? -1 : written));
      pump();
    });
    expect((await failure(deepomatic.getWorkOrder(WO))).code).toBe('upstream_too_large');
    expect(upstream.ledger).toHaveLength(1);
    await vi.waitFor(() => expect(upstream.inFlight()).toBe(0));
    expect(written).toBeLessThan(50 * 1024 * 1024);
  });

  it('a declared Content-Length over the cap is refused without reading', async () => {
    upstream.script((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(100 * 1024 * 1024) });
      res.write('[');
    });
    expect((await failure(deepomatic.listTaskGroups())).code).toBe('upstream_too_large');
  });

  it.each([401, 403])('%i → upstream_auth_failed (502), no retry', async (status) => {
    upstream.script(json(status, { detail: 'Invalid token.' }, { 'WWW-Authenticate': 'Token' }));
    const error = await failure(deepomatic.getWorkOrder(WO));
    expect(error.code).toBe('upstream_auth_failed');
    expect(error.status).toBe(502);
    expect(upstream.ledger).toHaveLength(1);
    const logged = upstreamCallLogs().at(-1);
    expect(logged).toMatchObject({ code: 'upstream_auth_failed', level: 50 });
  });

  it('a 301 → upstream_redirect; the redirect target receives nothing', async () => {
    const target = await startFakeUpstream();
    try {
      upstream.script(empty(301, { Location: `${target.url}/v0.2/work-orders/${WO}/` }));
      expect((await failure(deepomatic.getWorkOrder(WO))).code).toBe('upstream_redirect');
      upstream.script(empty(302, { Location: `${upstream.url}/v0.2/work-orders/${WO}/` }));
      expect((await failure(deepomatic.correctTask(WO, TASK, true))).code).toBe('upstream_redirect');
      expect(upstream.ledger).toHaveLength(2);
      expect(target.ledger).toHaveLength(0);
    } finally {
      await target.close();
    }
  });

  it('a 400 echoing the key gives field reasons only, never upstream text', async () => {
    upstream.script((req, res) => {
      const body = JSON.stringify({
        detail: `Invalid token: ${req.headers.authorization}`,
        name: [`bad ${req.headers.authorization}`],
        evil_field: ['x'],
      });
      res.writeHead(400, { 'Content-Type': 'application/json', 'Set-Cookie': 'sessionid=evil; Path=/', Server: 'gunicorn/20' });
      res.end(body);
    });
    const error = await failure(deepomatic.createWorkOrder({ name: 'wo' }));
    expect(error.code).toBe('upstream_rejected');
    expect(error.status).toBe(400);
    expect(error.fields).toEqual({ name: 'rejected_upstream' });
    const everything = [error.message, JSON.stringify(error), inspect(error, { depth: 10 }), String(error.cause)].join('\n');
    expect(everything).not.toContain(CANARY);
    expect(everything).not.toContain('Invalid token');
    expect(everything).not.toContain('gunicorn');
  });

  it('maps an unknown field engineer to our own reason key', async () => {
    upstream.script(json(400, { field_engineer_email: ['User does not exist.'] }));
    const error = await failure(deepomatic.updateWorkOrder(WO, { field_engineer_email: 'nobody@example.com' }));
    expect(error).toMatchObject({ code: 'upstream_rejected', fields: { field_engineer_email: 'unknown_engineer' } });
  });

  it('correction: 400 with only a detail → task_not_analyzed; a field error → upstream_rejected', async () => {
    upstream.script(json(400, { detail: 'Task has not been analyzed.' }), json(400, { corrected_value: ['Not a valid boolean.'] }), json(422, {}));
    expect((await failure(deepomatic.correctTask(WO, TASK, true))).code).toBe('task_not_analyzed');
    expect(await failure(deepomatic.correctTask(WO, TASK, 'x'))).toMatchObject({
      code: 'upstream_rejected',
      fields: { corrected_value: 'rejected_upstream' },
    });
    expect(await failure(deepomatic.correctTask(WO, TASK, 1))).toMatchObject({ code: 'upstream_rejected', status: 422 });
    expect(upstream.ledger).toHaveLength(3);
  });
});

describe('circuit breaker and bulkhead', () => {
  it('opens after 5 consecutive failures, fails fast, then a probe closes it again', async () => {
    env({ DEEPOMATIC_READ_ATTEMPTS: '1', DEEPOMATIC_BREAKER_HALF_OPEN_MS: '250' });
    upstream.script(json(500, {}));
    const codes: string[] = [];
    for (let i = 0; i < 20; i++) codes.push((await failure(deepomatic.getWorkOrder(WO))).code);
    expect(codes.slice(0, 5)).toEqual(Array(5).fill('upstream_error'));
    expect(codes.slice(5)).toEqual(Array(15).fill('upstream_unavailable'));
    expect(upstream.ledger).toHaveLength(5);
    expect(getBreakerState()).toBe('open');
    const fastFail = await failure(deepomatic.listTaskGroups());
    expect(fastFail.retryAfter).toBeGreaterThanOrEqual(1);

    upstream.script(json(200, workOrder()));
    await sleep(300);
    await expect(deepomatic.getWorkOrder(WO)).resolves.toMatchObject({ id: WO });
    expect(getBreakerState()).toBe('closed');
    expect(upstream.ledger).toHaveLength(6);
  });

  it('a failed probe opens it again', async () => {
    env({ DEEPOMATIC_READ_ATTEMPTS: '1', DEEPOMATIC_BREAKER_THRESHOLD: '2', DEEPOMATIC_BREAKER_HALF_OPEN_MS: '100' });
    upstream.script(json(500, {}));
    for (let i = 0; i < 3; i++) await failure(deepomatic.listTaskGroups());
    expect(upstream.ledger).toHaveLength(2);
    await sleep(150);
    expect((await failure(deepomatic.listTaskGroups())).code).toBe('upstream_error');
    expect(getBreakerState()).toBe('open');
    expect(upstream.ledger).toHaveLength(3);
  });

  it('4xx answers do not open it', async () => {
    env({ DEEPOMATIC_BREAKER_THRESHOLD: '2' });
    upstream.script(json(404, { detail: 'Not found.' }));
    for (let i = 0; i < 5; i++) expect((await failure(deepomatic.getWorkOrder(WO))).code).toBe('not_found');
    expect(getBreakerState()).toBe('closed');
    expect(upstream.ledger).toHaveLength(5);
  });

  it('the bulkhead caps concurrent calls and rejects beyond its queue', async () => {
    env({ DEEPOMATIC_MAX_CONCURRENCY: '2', DEEPOMATIC_MAX_QUEUE: '1', DEEPOMATIC_TIMEOUT_MS: '5000', DEEPOMATIC_DEADLINE_MS: '5000' });
    const release: (() => void)[] = [];
    const held: Handler = (_req, res) => {
      release.push(() => json(200, [])(_req, res, undefined as never));
    };
    upstream.script(held);
    const calls = Array.from({ length: 4 }, () =>
      deepomatic.listTaskGroups().then(
        () => 'ok',
        (error: AppError) => error.code,
      ),
    );
    await vi.waitFor(() => expect(upstream.ledger).toHaveLength(2));
    expect(await calls[3]).toBe('upstream_unavailable');
    while (upstream.ledger.length < 3 || release.length > 0) {
      release.shift()?.();
      await sleep(10);
    }
    expect(await Promise.all(calls.slice(0, 3))).toEqual(['ok', 'ok', 'ok']);
    expect(upstream.maxInFlight()).toBe(2);
  });
});

describe('policies shared with other copies of this code', () => {
  // The server build holds several copies of this module and of the resilience library (one
  // per chunk importing them), while breakers and bulkheads live in process-wide state: the
  // copy that made a policy is often not the one calling through it.

  it("a breaker made by another copy of this module counts this copy's failures, and opens", async () => {
    env({ DEEPOMATIC_READ_ATTEMPTS: '1', DEEPOMATIC_BREAKER_THRESHOLD: '3' });
    upstream.script(json(500, {}));
    const other = await otherCopyOf<typeof import('./index')>('./index');
    expect((await failure(other.deepomatic.listTaskGroups())).code).toBe('upstream_error'); // makes the breaker
    for (let i = 0; i < 2; i++) expect((await failure(deepomatic.listTaskGroups())).code).toBe('upstream_error');
    expect(getBreakerState()).toBe('open');
    expect((await failure(deepomatic.listTaskGroups())).code).toBe('upstream_unavailable');
    expect(upstream.ledger).toHaveLength(3);
  });

  it('a bulkhead made by another copy of the library is full: 503 with Retry-After, not an upstream error', async () => {
    env({ DEEPOMATIC_MAX_CONCURRENCY: '1', DEEPOMATIC_MAX_QUEUE: '0' });
    const foreign = otherCopyOfCockatiel();
    getBreakerState(); // creates the process-wide state, where the shared bulkhead is kept by its settings
    const shared = (globalThis as { __deepomaticUpstreamState?: { bulkheads: Map<string, unknown> } }).__deepomaticUpstreamState!;
    shared.bulkheads.set('shared|1|0', foreign.bulkhead(1, 0));
    const release: (() => void)[] = [];
    upstream.script((req, res) => {
      release.push(() => json(200, [])(req, res, undefined as never));
    });
    const first = deepomatic.listTaskGroups();
    await vi.waitFor(() => expect(upstream.ledger).toHaveLength(1));
    const refused = await failure(deepomatic.listTaskGroups());
    expect(refused).toMatchObject({ code: 'upstream_unavailable', retryAfter: 2 });
    release.shift()?.();
    await expect(first).resolves.toEqual([]);
  });
});

describe('background priority', () => {
  it('background calls are capped by their own bulkhead, leaving slots to interactive calls', async () => {
    env({ DEEPOMATIC_MAX_CONCURRENCY: '3', DEEPOMATIC_BACKGROUND_CONCURRENCY: '1', DEEPOMATIC_TIMEOUT_MS: '5000', DEEPOMATIC_DEADLINE_MS: '5000' });
    const release: (() => void)[] = [];
    upstream.script((req, res) => {
      release.push(() => json(200, [])(req, res, undefined as never));
    });
    const background = Array.from({ length: 3 }, () => deepomatic.listTaskGroups({ priority: 'background' }));
    await vi.waitFor(() => expect(upstream.ledger).toHaveLength(1));
    const interactive = Array.from({ length: 2 }, () => deepomatic.listTaskGroups());
    await vi.waitFor(() => expect(upstream.ledger).toHaveLength(3));
    expect(upstream.inFlight()).toBe(3);
    while (release.length > 0 || upstream.ledger.length < 5) {
      release.shift()?.();
      await sleep(10);
    }
    await expect(Promise.all([...background, ...interactive])).resolves.toHaveLength(5);
    expect(upstream.maxInFlight()).toBe(3);
  });
});

describe('configuration and health', () => {
  it('missing configuration → upstream_unavailable, and health says not configured', async () => {
    vi.stubEnv('DEEPOMATIC_API_URL', '');
    expect((await failure(deepomatic.listTaskGroups())).code).toBe('upstream_unavailable');
    expect(await checkUpstream()).toMatchObject({ ok: false, configured: false, error: 'not_configured' });
    expect(upstream.ledger).toHaveLength(0);
  });

  it('a key that is not a valid header value is refused without being quoted anywhere', async () => {
    const badKey = `${CANARY}\r\nX-Evil: 1`;
    vi.stubEnv('DEEPOMATIC_API_KEY', badKey);
    const error = await failure(deepomatic.listTaskGroups());
    expect(error.code).toBe('upstream_unavailable');
    expect(inspect(error, { depth: 10 })).not.toContain(CANARY);
    expect(upstream.ledger).toHaveLength(0);
  });

  it('checkUpstream reports ok, latency and breaker state with one call', async () => {
    upstream.script(json(200, []));
    const health = await checkUpstream();
    expect(health).toMatchObject({ ok: true, configured: true, breaker: 'closed' });
    expect(typeof health.latencyMs).toBe('number');
    upstream.script(json(500, {}));
    expect(await checkUpstream()).toMatchObject({ ok: false, configured: true, error: 'upstream_error' });
    expect(upstream.ledger).toHaveLength(2);
    expect(JSON.stringify(await checkUpstream())).not.toContain(CANARY);
  });
});

describe('a site that sends only what the API documents', () => {
  const taskGroup = { id: 'g1', name: 'PM-ferme-apres', input_examples: [], tasks: [] };

  it('logs the optional fields an answer lacks once per endpoint and field, never per request', async () => {
    resetShapeNotes();
    const documented = { id: WO, name: 'A / b — é', progress_score: 0, task_groups: [] };
    upstream.script(json(200, documented));
    await deepomatic.getWorkOrder(WO);
    await deepomatic.getWorkOrder(WO);
    await deepomatic.getWorkOrder(WO);
    const shapes = logLines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((entry) => entry.event === 'upstream_shape');
    expect(shapes).toHaveLength(1);
    expect(shapes[0]).toMatchObject({
      path: 'work-orders/{id}/',
      missing: expect.arrayContaining(['work_order.create_date', 'work_order.update_date']),
    });
  });

  it('reads a task group by name slash-less first, falls back to the slashed form, and remembers what worked', async () => {
    upstream.script(empty(301, { Location: '/v0.2/task-groups/PM-ferme-apres/' }), json(200, taskGroup));
    expect((await deepomatic.getTaskGroup('PM-ferme-apres')).name).toBe('PM-ferme-apres');
    expect((await deepomatic.getTaskGroup('PM-ferme-apres')).name).toBe('PM-ferme-apres');
    expect(upstream.ledger.map((call) => call.url)).toEqual([
      '/v0.2/task-groups/PM-ferme-apres',
      '/v0.2/task-groups/PM-ferme-apres/',
      '/v0.2/task-groups/PM-ferme-apres/',
    ]);

    resetUpstreamState();
    upstream.ledger.length = 0;
    upstream.script(json(200, taskGroup));
    await deepomatic.getTaskGroup('PM-ferme-apres');
    // A 404 on the form that works is an unknown task group, not a reason to try the other one.
    upstream.script(json(404, { detail: 'Not found.' }));
    expect((await failure(deepomatic.getTaskGroup('nope'))).code).toBe('not_found');
    expect(upstream.ledger.map((call) => call.url)).toEqual(['/v0.2/task-groups/PM-ferme-apres', '/v0.2/task-groups/nope']);
  });

  it('sends corrected_value as the string the API documents, and accepts {id, state} back', async () => {
    for (const [value, wire] of [
      [true, 'true'],
      [false, 'false'],
      [12.5, '12.5'],
      [1e-7, '0.0000001'],
      ['CAB-1', 'CAB-1'],
    ] as const) {
      upstream.ledger.length = 0;
      upstream.script(json(200, { id: TASK, state: { analyzed_value: false, corrected_value: wire, message: 'OK' } }));
      const result = await deepomatic.correctTask(WO, TASK, value);
      expect(JSON.parse(upstream.ledger[0].body)).toEqual({ corrected_value: wire });
      expect(result).toMatchObject({ id: TASK, name: null, progress_score: null });
    }
  });
});
