import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
  process.env.APP_URL = 'http://127.0.0.1:3999';
  process.env.ANALYSIS_CALLBACK_SECRET = 'fuzz-callback-secret-0123456789abcdef';
  process.env.DEEPOMATIC_RETRY_BASE_MS = '1';
  process.env.DEEPOMATIC_RETRY_MAX_DELAY_MS = '2';
});

vi.mock('@/lib/server/dal/authorize', () => import('@/test/fakes/authorize'));

import { users as usersTable } from '@/lib/server/db/schema';
import { deepomatic } from '@/lib/server/deepomatic';
import { ERROR_STATUS, type ErrorCode } from '@/lib/server/http/errors';
import type { Role } from '@/lib/shared/roles';
import { storableText } from '@/lib/shared/storable-text';
import { session } from '@/test/fakes/authorize';
import { setUpDalIntegration, testUser } from '@/test/harness/dal';

/**
 * Property-based fuzzing of every route handler under app/api, found on the file system (a
 * new route is fuzzed without being listed here), called in-process against a private
 * simulator: random ids in the path, search parameters, headers and JSON bodies — lone
 * surrogates, NUL and other control characters, huge and special numbers, deep nesting,
 * prototype keys, wrong types, impossible dates — mostly as an admin, some as a viewer, a
 * supervisor or nobody.
 *
 * What must hold for every request:
 * - no answer in the 5xx range (the simulator injects no fault here, so a 5xx is our bug);
 * - every 4xx is our error shape: JSON `{ error, message, requestId }` with a known code and
 *   the request's id;
 * - invalid input reaches no upstream. "Invalid input" is what the app refuses by itself,
 *   before knowing anything of the upstream's data: a malformed id, query, header or body, a
 *   body of the wrong type or too large, a refused origin, a missing precondition header, an
 *   unauthenticated or forbidden caller, a method the route does not have (the codes in
 *   `REFUSED_BEFORE_UPSTREAM`). For those, zero upstream requests, with one exception: a
 *   correction's value of the wrong type for its task, which only a read of the task can tell
 *   (reads, no write). Any other 4xx (an id well-formed but unknown upstream: 404; a
 *   conflict; a task not analysed) may follow upstream reads, and upstream writes the upstream
 *   itself refused (a work order deleted meanwhile: its 404), never a write the upstream
 *   ACCEPTED: a request we answer with a 4xx changed nothing upstream.
 *
 * Upstream requests are counted by a `fetch` spy, per request id (the upstream client sends
 * ours as `X-Request-Id`). A failure prints fast-check's seed and counterexample; replay with
 * `FUZZ_SEED=<seed>`.
 */

vi.setConfig({ testTimeout: 300_000 });

/** At least 10 000 per run; `FUZZ_RUNS` changes it for a local look. */
const NUM_RUNS = Number(process.env.FUZZ_RUNS) || 10_000;
const APP = 'http://127.0.0.1:3999';
const ROOT = path.resolve(__dirname, '..');
const API = path.join(ROOT, 'app/api');

/** Routes not fuzzed here, each with why. */
const NOT_FUZZED: Record<string, string> = {
  'auth/[...nextauth]': 'next-auth itself (sign-in, session), which needs a Next.js request scope; e2e/security.spec.ts covers it',
};

/** Error codes of input the app refuses by itself: such a request sends nothing upstream. */
const REFUSED_BEFORE_UPSTREAM = new Set<ErrorCode>([
  'invalid_body',
  'invalid_id',
  'invalid_query',
  'validation_failed',
  'bad_origin',
  'unsupported_media_type',
  'payload_too_large',
  'method_not_allowed',
  'precondition_required',
  'unauthenticated',
  'forbidden',
]);

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
type Method = (typeof METHODS)[number];
type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

interface Route {
  /** e.g. `work-orders/[id]/metadata` */
  name: string;
  segments: string[];
  params: string[];
  handlers: Record<Method, Handler>;
  /** The methods the route defines (the others answer 405). */
  defined: Method[];
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

async function discoverRoutes(): Promise<Route[]> {
  const routes: Route[] = [];
  for (const file of walk(API).filter((f) => f.endsWith(`${path.sep}route.ts`))) {
    const name = path.relative(API, path.dirname(file)).split(path.sep).join('/');
    if (name in NOT_FUZZED) continue;
    const exports = (await import(/* @vite-ignore */ file)) as Record<string, unknown>;
    const handlers = Object.fromEntries(METHODS.map((method) => [method, exports[method] as Handler])) as Record<Method, Handler>;
    const segments = name.split('/');
    const params = segments.filter((s) => /^\[\w+\]$/.test(s)).map((s) => s.slice(1, -1));
    // The methods a route defines are the ones whose refusal is not our 405 (asked once, anonymously).
    const defined: Method[] = [];
    for (const method of METHODS) {
      const probe = await handlers[method](new NextRequest(`${APP}/api/${name}`, { method, headers: { origin: APP } }), {
        params: Promise.resolve(Object.fromEntries(params.map((p) => [p, 'x']))),
      });
      if (probe.status !== 405) defined.push(method);
    }
    routes.push({ name, segments, params, handlers, defined });
  }
  return routes;
}

// ---- generators ------------------------------------------------------------------------

const NASTY = [
  '',
  ' ',
  '\u0000',
  'x\u0000y',
  '\ud800',
  'x\udc00y',
  '\udbff\udfff',
  '\u001b[31m',
  '\r\n',
  '\t',
  '\u007f',
  '\u2028',
  '\ufeff',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '../../etc/passwd',
  '..',
  '%00',
  '%C0%AE',
  '%',
  '1e309',
  '-1e309',
  '-0',
  '0',
  '-1',
  'NaN',
  'Infinity',
  '9'.repeat(400),
  '9007199254740993',
  '0x10',
  '0000-01-01',
  '0001-01-01',
  '9999-12-31',
  '10000-01-01',
  '+275760-09-13',
  '-000001-01-01',
  '2026-02-30',
  '2026-13-01',
  'true',
  'null',
  'undefined',
  '[]',
  '{}',
  "' OR 1=1 --",
  '<script>alert(1)</script>',
  '😀',
  'a'.repeat(5000),
];

const nastyText = fc.oneof(
  { arbitrary: fc.constantFrom(...NASTY), weight: 3 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 30 }), weight: 2 },
  { arbitrary: fc.string({ maxLength: 20 }), weight: 1 },
);

/** Header values must be legal for `Headers` (no NUL, CR, LF), else the request is never built. */
const headerText = fc.oneof(fc.constantFrom('"v"', '*', 'W/"x"', '', '9'.repeat(300), '__proto__'), fc.stringMatching(/^[\x20-\x7e]{0,40}$/));

/** Values that pass the URL schemas, so the fuzzing also gets past them into the operations. */
function validParam(name: string, ids: KnownIds): fc.Arbitrary<string> {
  const uuid = fc.uuid();
  switch (name) {
    case 'id':
      return fc.oneof(fc.constantFrom(...ids.workOrders), uuid);
    case 'taskId':
      return fc.oneof(fc.constantFrom(...ids.tasks), uuid);
    case 'inputId':
      return fc.oneof(fc.constantFrom(...ids.inputs), uuid);
    case 'name':
      return fc.constantFrom(...ids.taskGroups);
    case 'index':
      return fc.constantFrom('0', '1', '99');
    case 'code':
      return fc.constantFrom('other', 'ai_wrong', 'new-code');
    default:
      return uuid;
  }
}

/** Search parameters by the kind of value they take, each with values of that kind at its edges. */
const DATE_KEYS = ['createdFrom', 'createdTo', 'updatedFrom', 'updatedTo', 'reviewedFrom', 'reviewedTo'];
const NUMBER_KEYS = ['progressMin', 'progressMax', 'page', 'pageSize', 'stuckDays', 'index', 'limit'];
const TEXT_KEYS = ['q', 'meta', 'tag', 'type', 'engineer', 'group', 'taskGroup', 'task', 'key', 'sig', 'format', 'cols', 'sort'];
const CHOICE_KEYS = ['review', 'corrected', 'conformity', 'assigned', 'taskState', 'full'];
const DATE_VALUES = [
  '0000-01-01',
  '0001-01-01',
  '9999-12-31',
  '2026-02-29',
  '2024-02-29',
  '2026-00-10',
  '99999-01-01',
  '-2026-01-01',
  '2026-1-1',
  '2026-01-01T00:00:00Z',
];
const NUMBER_VALUES = [
  '0',
  '-1',
  '1',
  '100',
  '101',
  '200',
  '1000000',
  '1000001',
  '9'.repeat(30),
  '1e3',
  '1.5',
  'NaN',
  'Infinity',
  '0x10',
  '-0',
  ' 1',
];
const CHOICE_VALUES = ['yes', 'no', 'YES', 'true', 'to_review', 'reviewed', 'all', 'corrected', 'not_validated'];
const VALID_QUERIES: Array<Array<[string, string]>> = [
  [],
  [],
  [['q', 'pylon']],
  [['key', 'region']],
  [['review', 'all']],
  [['createdFrom', '2026-01-01']],
  [['stuckDays', '7']],
];

const hostileQuery: fc.Arbitrary<Array<[string, string]>> = fc
  .oneof(
    fc.tuple(fc.constantFrom(...DATE_KEYS), fc.oneof(fc.constantFrom(...DATE_VALUES), nastyText)),
    fc.tuple(fc.constantFrom(...NUMBER_KEYS), fc.oneof(fc.constantFrom(...NUMBER_VALUES), nastyText)),
    fc.tuple(fc.constantFrom(...TEXT_KEYS), nastyText),
    fc.tuple(fc.constantFrom(...CHOICE_KEYS), fc.oneof(fc.constantFrom(...CHOICE_VALUES), nastyText)),
    fc.tuple(nastyText, fc.constantFrom('1', 'x', '')),
  )
  .chain((pair) => fc.constantFrom(...VALID_QUERIES).map((valid) => [...valid.filter(([key]) => key !== pair[0]), pair as [string, string]]));

const BODY_KEYS = [
  'name',
  'metadata',
  'tags',
  'fieldEngineerEmail',
  'userGroupIds',
  'workOrderTypes',
  'corrected_value',
  'correctedValue',
  'value',
  'reason',
  'reasonCode',
  'comment',
  'query',
  'shared',
  'columns',
  'label',
  'labels',
  'role',
  'email',
  'password',
  'disabled',
  'full',
  'status',
  'ids',
  'taskGroupName',
  'region',
];
const PROTO_KEYS = ['__proto__', 'constructor', 'prototype'];

/** Values most bodies of ours accept somewhere: the background the hostile part stands out on. */
const benignLeaf = fc.constantFrom<unknown>('x', 'North', 'other', 'Pylon 12', true, false, 1, 50, 'a@b.example', ['a'], { region: 'North' });

/** A leaf value of a body: any JSON type, hostile strings and numbers JSON.stringify keeps. */
const hostileLeaf: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: nastyText, weight: 4 },
  { arbitrary: fc.constant(null), weight: 1 },
  { arbitrary: fc.constantFrom(0, -0, -1, 101, 2 ** 31, 2 ** 53 + 2, Number.MAX_VALUE, Number.MIN_VALUE, 1e-7), weight: 2 },
  { arbitrary: fc.double(), weight: 1 },
  { arbitrary: fc.array(nastyText, { maxLength: 3 }), weight: 1 },
  { arbitrary: fc.dictionary(nastyText, nastyText, { maxKeys: 2 }), weight: 1 },
);

const { value: anyValue } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    { arbitrary: hostileLeaf, weight: 5 },
    { arbitrary: fc.array(tie('value'), { maxLength: 4 }), weight: 1 },
    { arbitrary: fc.dictionary(fc.oneof(fc.constantFrom(...BODY_KEYS, ...PROTO_KEYS), nastyText), tie('value'), { maxKeys: 4 }), weight: 1 },
  ),
}));

/** JSON texts no generated value serialises to: escapes, huge numbers, deep nesting. */
const RAW_BODIES = [
  '{"k":"x\\ud800"}',
  '{"name":"a\\u0000b"}',
  '{"name":"x","tags":["\\ud83d"]}',
  '{"metadata":{"k\\udc00":"v"}}',
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '{"name":"x","metadata":{"__proto__":{"a":1}}}',
  '1e400',
  '{"name":"x","progress_score":1e400}',
  '{"corrected_value":1e400}',
  '{"corrected_value":-0}',
  `{"name":${'9'.repeat(1000)}}`,
  `${'['.repeat(20_000)}${']'.repeat(20_000)}`,
  `${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`,
  '',
  ' ',
  'null',
  '"str"',
  '[]',
  '{',
  '{"a":1,"a":2}',
  '\ufeff{}',
];

type Body = { kind: 'none' } | { kind: 'text'; text: string } | { kind: 'bytes'; bytes: Uint8Array<ArrayBuffer> };
const text = (value: unknown): Body => ({ kind: 'text', text: JSON.stringify(value) ?? 'null' });

/**
 * The bodies our forms send, whatever the route: one route's valid body is another's wrong
 * one, and a hostile part set into a valid body gets past the schema's other checks.
 */
const VALID_BODIES: Array<Record<string, unknown>> = [
  { name: 'Fuzz pylon' },
  { name: 'Fuzz mast', metadata: { region: 'North', floor: 3 }, tags: ['fuzz'] },
  { region: 'North', floor: 3, checked: true },
  { correctedValue: true, reason: 'other', comment: 'seen on the photo' },
  { status: 'reviewed' },
  { status: 'to_review', query: 'review=all' },
  { status: 'reviewed', query: 'review=all', expectedCount: 0 },
  { name: 'Fuzz view', query: 'review=all', columns: ['name'], shared: false },
  { code: 'fuzz_code', labels: { en: 'Fuzz' } },
  { labels: { en: 'Other' }, active: true },
  { email: 'fuzz@example.test', role: 'viewer' },
  { role: 'viewer', disabled: false },
  { full: false },
  { taskGroupName: 'pm-ouvert-avant', source: 'data:image/png;base64,iVBORw0KGgo=' },
];

/** A body most routes could take: one of our forms', or benign keys and values. */
const benignBody: fc.Arbitrary<Body> = fc.oneof(
  fc.constantFrom(...VALID_BODIES).map(text),
  fc.dictionary(fc.constantFrom(...BODY_KEYS), benignLeaf, { minKeys: 1, maxKeys: 3 }).map(text),
);

/** The same with ONE hostile part (a value, a key), or a hostile document altogether. */
const hostileBody: fc.Arbitrary<Body> = fc.oneof(
  {
    arbitrary: fc
      .tuple(
        fc.oneof(fc.constantFrom(...VALID_BODIES), fc.dictionary(fc.constantFrom(...BODY_KEYS), benignLeaf, { maxKeys: 2 })),
        fc.constantFrom(...BODY_KEYS, ...PROTO_KEYS),
        hostileLeaf,
      )
      .chain(([base, extra, value]) =>
        // Most often one of the body's own keys, so that its other fields stay valid.
        fc
          .constantFrom(...(Object.keys(base).length > 0 ? [...Object.keys(base), ...Object.keys(base), extra] : [extra]))
          .map((key) => text(Object.defineProperty({ ...base }, key, { value, enumerable: true, writable: true, configurable: true }))),
      ),
    weight: 4,
  },
  {
    // A hostile key (or value) one level down, where maps of metadata live.
    arbitrary: fc
      .tuple(fc.constantFrom('metadata', 'name', 'query', 'value', 'corrected_value'), nastyText, fc.oneof(benignLeaf, hostileLeaf))
      .map(([outer, key, value]) => text({ [outer]: Object.defineProperty({ region: 'North' }, key, { value, enumerable: true }) })),
    weight: 2,
  },
  { arbitrary: anyValue.map(text), weight: 1 },
  { arbitrary: fc.constantFrom(...RAW_BODIES).map((raw): Body => ({ kind: 'text', text: raw })), weight: 2 },
  // Not UTF-8 at all.
  { arbitrary: fc.constant<Body>({ kind: 'bytes', bytes: new Uint8Array([0x7b, 0x22, 0xc0, 0xae, 0x22, 0x3a, 0x31, 0x7d]) }), weight: 1 },
);

const GOOD_HEADERS: Record<string, string> = { 'content-type': 'application/json', origin: APP, 'accept-language': 'en' };
/** With the preconditions a correction asks for (a fresh idempotency key, any version). */
const goodHeaders = fc
  .tuple(fc.uuid(), fc.constantFrom('*', '"v"', undefined))
  .map(([key, ifMatch]) => ({ ...GOOD_HEADERS, 'idempotency-key': key, ...(ifMatch ? { 'if-match': ifMatch } : {}) }));

const hostileHeaders: fc.Arbitrary<Record<string, string>> = fc
  .record(
    {
      'content-type': fc.constantFrom('text/plain', 'application/json; charset=latin1', 'application/x-www-form-urlencoded', 'application/json'),
      origin: fc.constantFrom('https://evil.example', 'null', APP),
      'if-match': fc.oneof(fc.constantFrom('"v"', '*'), headerText),
      'idempotency-key': fc.oneof(fc.uuid(), headerText),
      'x-analysis-signature': headerText,
      'accept-language': fc.constantFrom('en', 'fr', 'de', 'es', 'xx', '*;q=0', '__proto__'),
      cookie: fc.constantFrom('NEXT_LOCALE=de', 'NEXT_LOCALE=__proto__', 'NEXT_LOCALE=constructor', 'a=b'),
    },
    { requiredKeys: [] },
  )
  .map((headers) => ({
    ...GOOD_HEADERS,
    ...(Object.fromEntries(Object.entries(headers).filter(([, value]) => value !== undefined)) as Record<string, string>),
  }));

/** One generated request; the route by its name, so a counterexample prints short. */
interface FuzzRequest {
  route: string;
  /** The part made hostile; the others look valid, so each request gets as far as it can. */
  hostile: 'params' | 'query' | 'headers' | 'body' | 'method' | 'everything';
  method: Method;
  role: Role | null;
  params: Record<string, string>;
  query: Array<[string, string]>;
  headers: Record<string, string>;
  body: Body;
}

interface KnownIds {
  workOrders: string[];
  tasks: string[];
  inputs: string[];
  taskGroups: string[];
}

const ROLES = fc.constantFrom<Role | null>('admin', 'admin', 'admin', 'admin', 'admin', 'admin', 'admin', 'supervisor', 'viewer', 'viewer');

function requestArb(routes: Route[], ids: KnownIds): fc.Arbitrary<FuzzRequest> {
  return fc
    .tuple(
      fc.constantFrom(...routes),
      fc.constantFrom<FuzzRequest['hostile']>('params', 'query', 'query', 'headers', 'body', 'body', 'body', 'method', 'everything'),
    )
    .chain(([route, hostile]) => {
      const validParams = fc.record(Object.fromEntries(route.params.map((name) => [name, validParam(name, ids)]))) as fc.Arbitrary<
        Record<string, string>
      >;
      const hostileParams = fc.record(
        Object.fromEntries(
          route.params.map((name) => [name, fc.oneof({ arbitrary: validParam(name, ids), weight: 1 }, { arbitrary: nastyText, weight: 2 })]),
        ),
      ) as fc.Arbitrary<Record<string, string>>;
      const defined = fc.constantFrom(...(route.defined.length > 0 ? route.defined : METHODS));
      const all = hostile === 'everything';
      return fc.record({
        route: fc.constant(route.name),
        hostile: fc.constant(hostile),
        method: hostile === 'method' || all ? fc.constantFrom(...METHODS) : defined,
        role: all ? fc.constantFrom<Role | null>('admin', 'supervisor', 'viewer', null) : ROLES,
        params: hostile === 'params' || all ? hostileParams : validParams,
        query: hostile === 'query' || all ? hostileQuery : fc.constantFrom(...VALID_QUERIES),
        headers: hostile === 'headers' || all ? hostileHeaders : goodHeaders,
        body: hostile === 'body' || all ? hostileBody : fc.oneof(benignBody, fc.constant<Body>({ kind: 'none' })),
      });
    });
}

// ---- the run ----------------------------------------------------------------------------

/** Upstream requests seen by the `fetch` spy, by our request id. */
const upstream = new Map<string, Array<{ method: string; url: string; status: number | null }>>();
const realFetch = globalThis.fetch;

function spyOnUpstream(): void {
  const base = process.env.DEEPOMATIC_API_URL ?? '';
  globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (base && url.startsWith(base)) {
      const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
      const id = headers.get('x-request-id') ?? 'none';
      const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
      const call = { method, url, status: null as number | null };
      upstream.set(id, [...(upstream.get(id) ?? []), call]);
      const response = await realFetch(input, init);
      call.status = response.status;
      return response;
    }
    return realFetch(input, init);
  }) as typeof fetch;
}

function buildRequest(route: Route, r: FuzzRequest, requestId: string): NextRequest {
  const pathSegments = route.segments.map((segment) => {
    const param = /^\[(\w+)\]$/.exec(segment)?.[1];
    // Next.js hands the route its params decoded; the URL carries them encoded.
    return param ? encodeURIComponent(storableText(r.params[param])) : segment;
  });
  const url = new URL(`${APP}/api/${pathSegments.join('/')}`);
  for (const [key, value] of r.query) url.searchParams.append(key, value);
  const withBody = r.method !== 'GET' && r.body.kind !== 'none';
  const headers = new Headers({ ...r.headers, 'x-request-id': requestId });
  if (!withBody) headers.delete('content-type');
  return new NextRequest(url, {
    method: r.method,
    headers,
    body: withBody ? (r.body.kind === 'text' ? r.body.text : (r.body as { bytes: Uint8Array<ArrayBuffer> }).bytes) : undefined,
  });
}

const KNOWN_CODES = new Set(Object.keys(ERROR_STATUS));

/**
 * A correction's value is refused for its task's outcome type (a Boolean for a Number task…),
 * which only a read of the task can tell: that refusal may follow upstream reads, never a write.
 */
function checkedAgainstTheTask(route: string, body: { error?: unknown; fields?: Record<string, unknown> }): boolean {
  const fields = Object.keys(body.fields ?? {});
  return (
    route === 'work-orders/[id]/tasks/[taskId]/correction' &&
    body.error === 'validation_failed' &&
    fields.length === 1 &&
    fields[0] === 'correctedValue'
  );
}

/** What is wrong with one answer, or null. */
async function problemWith(response: Response, requestId: string, route: string): Promise<string | null> {
  const calls = upstream.get(requestId) ?? [];
  if (response.status >= 500) return `answered ${response.status}: ${await response.text()}`;
  if (response.status < 400) return null;
  const contentType = response.headers.get('content-type') ?? '';
  if (!contentType.startsWith('application/json')) return `a ${response.status} that is not JSON (${contentType})`;
  const body = (await response.json()) as { error?: unknown; message?: unknown; requestId?: unknown; fields?: Record<string, unknown> };
  if (typeof body.error !== 'string' || !KNOWN_CODES.has(body.error))
    return `a ${response.status} without a known error code: ${JSON.stringify(body)}`;
  if (typeof body.message !== 'string' || body.message === '') return `a ${response.status} without a message`;
  if (body.requestId !== requestId) return `a ${response.status} with another request id (${String(body.requestId)})`;
  const reads = calls.every((call) => call.method === 'GET');
  if (REFUSED_BEFORE_UPSTREAM.has(body.error as ErrorCode) && calls.length > 0 && !(reads && checkedAgainstTheTask(route, body))) {
    return `${body.error} after ${calls.length} upstream request(s): ${calls.map((c) => `${c.method} ${c.url}`).join(', ')}`;
  }
  const writes = calls.filter((call) => call.method !== 'GET' && call.method !== 'HEAD' && (call.status === null || call.status < 400));
  if (writes.length > 0) {
    return `${body.error} (${response.status}) after an upstream write: ${writes.map((c) => `${c.method} ${c.url} → ${c.status}`).join(', ')}`;
  }
  return null;
}

const users = { admin: testUser('admin'), supervisor: testUser('supervisor'), viewer: testUser('viewer') };
const setup = setUpDalIntegration();

let routes: Route[];
let ids: KnownIds;

beforeAll(async () => {
  // Signed-in people exist in the database, as behind a real session (saved views reference them).
  await setup.db.insert(usersTable).values(Object.values(users).map(({ id, email, role }) => ({ id, email, role })));
  routes = await discoverRoutes();
  const list = await deepomatic.listWorkOrders({ page: 1, pageSize: 100, ordering: 'create_date' });
  const workOrders = await Promise.all(list.results.slice(0, 5).map((row) => deepomatic.getWorkOrder(row.id, { includeInputs: true })));
  ids = {
    workOrders: workOrders.map((wo) => wo.id),
    tasks: workOrders.flatMap((wo) => wo.tasks.map((task) => task.id)).slice(0, 20),
    inputs: workOrders.flatMap((wo) => (wo.inputs ?? []).map((input) => input.id)).slice(0, 20),
    taskGroups: [...new Set(workOrders.flatMap((wo) => wo.tasks.map((task) => task.task_group_name)).filter((n): n is string => !!n))],
  };
  if (ids.inputs.length === 0) ids.inputs.push(crypto.randomUUID());
  if (ids.taskGroups.length === 0) ids.taskGroups.push('pm-ouvert-avant');
  spyOnUpstream();
}, 120_000);

afterAll(() => {
  globalThis.fetch = realFetch;
});

describe('every route under app/api, fuzzed', () => {
  it('answers hostile input with a 4xx in our error shape, never a 5xx, and sends invalid input nowhere upstream', async () => {
    expect(routes.length).toBeGreaterThan(20);
    const byName = new Map(routes.map((route) => [route.name, route]));
    const histogram = new Map<number, number>();
    const perRoute = new Map<string, number>();
    let requests = 0;
    const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Date.now() ^ (Math.random() * 2 ** 31);
    const started = performance.now();
    await fc.assert(
      fc.asyncProperty(requestArb(routes, ids), async (r) => {
        const requestId = crypto.randomUUID();
        session.user = r.role ? users[r.role] : null;
        const route = byName.get(r.route)!;
        const response = await route.handlers[r.method](buildRequest(route, r, requestId), { params: Promise.resolve(r.params) });
        requests += 1;
        histogram.set(response.status, (histogram.get(response.status) ?? 0) + 1);
        perRoute.set(r.route, (perRoute.get(r.route) ?? 0) + 1);
        const problem = await problemWith(response, requestId, r.route);
        upstream.delete(requestId);
        if (problem) throw new Error(`${r.method} /api/${r.route} as ${r.role ?? 'nobody'}: ${problem}`);
      }),
      { numRuns: NUM_RUNS, seed, endOnFailure: true },
    );
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const statuses = Object.fromEntries([...histogram].sort(([a], [b]) => a - b));
    console.info(
      `routes fuzz: ${requests} requests over ${routes.length} routes (${perRoute.size} reached), seed ${seed}, ${seconds} s; statuses ${JSON.stringify(statuses)}`,
    );
    expect(requests).toBeGreaterThanOrEqual(NUM_RUNS);
    expect(perRoute.size).toBe(routes.length);
  });
});
