import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';

vi.setConfig({ testTimeout: 30_000, hookTimeout: 60_000 });
vi.mock('@/lib/server/dal/authorize', () => import('@/test/fakes/authorize'));

import { listAudit } from '@/lib/server/audit';
import { useTestDb } from '@/test/harness/db';
import { isAppError } from '@/lib/server/http/errors';
import { ROLES, type Role } from '@/lib/shared/roles';
import { EVERY_WORK_ORDER } from '@/lib/shared/work-order-scope';
import type { OperationContext } from './context';
import { session, type SessionUser } from '@/test/fakes/authorize';
import { isOperation, operation, type Operation, type RawInput } from './operation';

/** Every module of the DAL (tests aside), loaded as the app loads them. */
const modules = import.meta.glob<Record<string, unknown>>(['./*.ts', '!./*.test.ts']);

const ctx = (): OperationContext => ({ requestId: crypto.randomUUID(), locale: 'en' });

function person(role: Role): SessionUser {
  return { id: crypto.randomUUID(), email: `${role}-${crypto.randomUUID().slice(0, 8)}@example.test`, name: null, role, scope: EVERY_WORK_ORDER };
}

/** A request whose every part records being looked at, and would be refused if it were. */
function watchedInput() {
  const seen: string[] = [];
  const raw: RawInput = {
    get params() {
      seen.push('params');
      return { id: '../etc', taskId: '../etc', name: '../etc', index: 'x', inputId: 'x', analysisId: 'x', code: 'Bad Code' };
    },
    get query() {
      seen.push('query');
      return 'evil=1';
    },
    get headers() {
      seen.push('headers');
      return {};
    },
    body: async () => {
      seen.push('body');
      return { unknown: true };
    },
  };
  return { raw, seen };
}

async function failure(run: () => Promise<unknown>): Promise<{ code: string; status: number; fields?: Record<string, string> }> {
  try {
    await run();
  } catch (error) {
    if (isAppError(error)) return { code: error.code, status: error.status, fields: error.fields };
    throw error;
  }
  throw new Error('expected a refusal');
}

let operations: Array<[string, Operation]>;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ close } = await useTestDb());
  operations = [];
  for (const [path, load] of Object.entries(modules)) {
    for (const [name, value] of Object.entries(await load())) {
      if (isOperation(value)) operations.push([`${path.replace('./', '').replace(/\.ts$/, '')}.${name}`, value]);
    }
  }
});
afterAll(async () => close());
beforeEach(() => {
  session.user = null;
});

describe('every operation of the DAL', () => {
  it('is found (the list below is not empty, and covers each feature)', () => {
    const names = operations.map(([name]) => name);
    expect(names.length).toBeGreaterThanOrEqual(35);
    for (const expected of [
      'corrections.correctTask',
      'users.listUsers',
      'users.getUser',
      'work-order-search.searchWorkOrders',
      'signed-in-user.getSignedInUser',
    ]) {
      expect(names).toContain(expected);
    }
  });

  it('declares the lowest role allowed to call it', () => {
    for (const [name, op] of operations) expect(ROLES, name).toContain(op.role);
  });

  it('declares how it keeps to the user’s teams: one work order by its id, a scoped list, or why none applies', () => {
    for (const [name, op] of operations) {
      const scope = op.scope;
      if (scope === 'workOrder') {
        expect(op.input.params, name).toBeDefined();
        expect(Object.keys((op.input.params as z.ZodObject).shape), name).toContain('id');
      } else if (scope !== 'list') {
        expect(typeof scope === 'object' && scope.none.trim().length > 10, name).toBe(true);
      }
    }
    const scopes = Object.fromEntries(operations.map(([name, op]) => [name, op.scope]));
    expect(scopes['work-orders.getWorkOrderPage']).toBe('workOrder');
    expect(scopes['corrections.correctTask']).toBe('workOrder');
    expect(scopes['work-order-search.searchWorkOrders']).toBe('list');
    expect(scopes['overview.getOverview']).toBe('list');
  });

  it('refuses an anonymous caller with 401 before looking at any part of the request', async () => {
    for (const [name, op] of operations) {
      const { raw, seen } = watchedInput();
      expect(await failure(() => op(ctx(), raw)), name).toMatchObject({ code: 'unauthenticated', status: 401 });
      expect(seen, name).toEqual([]);
    }
  });

  it('refuses a role below its own with 403 and an authz_denied row, before looking at the request', async () => {
    for (const [name, op] of operations) {
      const below = ROLES[ROLES.indexOf(op.role) - 1];
      if (!below) continue;
      const caller = person(below);
      session.user = caller;
      const { raw, seen } = watchedInput();
      expect(await failure(() => op(ctx(), raw)), name).toMatchObject({ code: 'forbidden', status: 403 });
      expect(seen, name).toEqual([]);
      expect(await listAudit({ actorId: caller.id, action: 'authz_denied' }), name).toHaveLength(1);
    }
  });
});

describe('operation()', () => {
  const probe = operation({
    role: 'supervisor',
    scope: { none: 'a probe of the contract' },
    input: {
      params: z.object({ id: z.custom<string>((value) => value === 'ok', { message: 'invalid_format' }) }),
      query: z.instanceof(URLSearchParams).transform((params) => params.get('page')),
      headers: z.object({ 'If-Match': z.string({ error: 'required' }) }),
      body: z.strictObject({ value: z.boolean() }),
    },
    abortable: false,
    async run({ user, input, ctx: context }) {
      return { user: user.email, input, signal: context.signal ?? null, requestId: context.requestId, locale: context.locale };
    },
  });

  const valid = (): RawInput => ({ params: { id: 'ok' }, query: 'page=2', headers: { 'if-match': '"v"' }, body: async () => ({ value: true }) });

  beforeEach(() => {
    session.user = person('supervisor');
  });

  it('checks params, then query, headers and body, each with its own error, and reads the body last', async () => {
    let bodyRead = false;
    const body = async () => {
      bodyRead = true;
      return { value: 'yes', extra: 1 };
    };
    expect(await failure(() => probe(ctx(), { ...valid(), params: { id: '..' }, body }))).toEqual({
      code: 'invalid_id',
      status: 400,
      fields: { id: 'invalid_format' },
    });
    expect(await failure(() => probe(ctx(), { ...valid(), headers: {}, body }))).toEqual({
      code: 'validation_failed',
      status: 400,
      fields: { 'If-Match': 'required' },
    });
    expect(bodyRead).toBe(false);
    expect(await failure(() => probe(ctx(), { ...valid(), body }))).toEqual({
      code: 'validation_failed',
      status: 400,
      fields: { value: 'invalid_type', extra: 'unknown_field' },
    });
    expect(bodyRead).toBe(true);
  });

  it('refuses a NUL, a lone surrogate or a control character in a URL id, a search parameter or a header before its schema', async () => {
    expect(await failure(() => probe(ctx(), { ...valid(), params: { id: 'ok\u0000' } }))).toEqual({
      code: 'invalid_id',
      status: 400,
      fields: { id: 'invalid_characters' },
    });
    for (const query of ['page=2%00', 'page=%0A', { page: 'x\u001b' }, { 'pa\u0000ge': '2' }]) {
      const refused = await failure(() => probe(ctx(), { ...valid(), query }));
      expect(refused, JSON.stringify(query)).toMatchObject({ code: 'invalid_query', status: 400 });
      expect(Object.values(refused.fields ?? {})).toEqual(['invalid_characters']);
    }
    expect(await failure(() => probe(ctx(), { ...valid(), headers: { 'if-match': '"v\ud800"' } }))).toEqual({
      code: 'validation_failed',
      status: 400,
      fields: { 'If-Match': 'invalid_characters' },
    });
  });

  it('hands run the user, the parsed input, the request id and the locale', async () => {
    const context = { ...ctx(), locale: 'fr' as const };
    const result = await probe(context, valid());
    expect(result).toMatchObject({
      user: session.user!.email,
      input: { params: { id: 'ok' }, query: '2', headers: { 'If-Match': '"v"' }, body: { value: true } },
      requestId: context.requestId,
      locale: 'fr',
    });
  });

  it('gives the browser abort signal to reads only, never to a write', async () => {
    const signal = new AbortController().signal;
    expect((await probe({ ...ctx(), signal }, valid())).signal).toBeNull();
    const read = operation({ role: 'viewer', scope: { none: 'a probe' }, abortable: true, run: async ({ ctx: context }) => context.signal ?? null });
    expect(await read({ ...ctx(), signal })).toBe(signal);
  });

  it('reads a query given as a URL, a string or a page’s search params', async () => {
    const read = operation({
      role: 'viewer',
      scope: { none: 'a probe' },
      input: { query: z.instanceof(URLSearchParams).transform((p) => p.getAll('tag')) },
      run: async ({ input }) => input.query,
    });
    expect(await read(ctx(), { query: new URLSearchParams('tag=a&tag=b') })).toEqual(['a', 'b']);
    expect(await read(ctx(), { query: '?tag=a' })).toEqual(['a']);
    expect(await read(ctx(), { query: { tag: ['a', 'b'], other: undefined } })).toEqual(['a', 'b']);
  });
});
