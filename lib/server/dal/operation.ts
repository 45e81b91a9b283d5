import 'server-only';
import type { z } from 'zod';
import type { SessionUser } from '@/lib/server/auth/users';
import { parseInput } from '@/lib/server/http/field-errors';
import { withLogContext } from '@/lib/server/log-context';
import type { ErrorCode } from '@/lib/server/http/errors';
import type { Role } from '@/lib/shared/roles';
import { hasUnstorableText } from '@/lib/shared/storable-text';
import { AppError } from '@/lib/server/http/errors';
import type { WorkOrderScope } from '@/lib/shared/work-order-scope';
import { requireRole } from './authorize';
import type { OperationContext } from './context';
import { requireWorkOrderInScope } from './scope';

/**
 * The operation contract. Every read and write of the data-access layer is declared once, in
 * this shape, where it is defined:
 *
 *     export const correctTask = operation({
 *       role: 'supervisor',
 *       input: { params: correctionTarget, headers: correctionHeaders, body: correctionBody },
 *       async run({ user, input, ctx }) { … },
 *     });
 *
 * and called the same way from a route handler (`route.run(correctTask)`), a page or a test:
 * `correctTask(ctx, raw)`, where `ctx` carries the request id, the user's locale and the
 * browser's abort signal, and `raw` the request's params, query, headers and a body reader,
 * all unparsed. Nothing else in the app reads data for a user: routes and pages call
 * operations (a test enforces it), and only this file calls `requireRole`.
 *
 * Each call goes through these steps, in this order:
 * 1. Authorize: the signed-in user, read from the database, has at least `role` — else 401
 *    `unauthenticated`, or 403 `forbidden` with an `authz_denied` audit row. Nothing of the
 *    request is looked at before, so an anonymous or forbidden caller never learns whether
 *    its input was valid.
 * 2. `params`, the ids from the URL → 400 `invalid_id`. Checked before anything can build an
 *    upstream URL from them.
 * 3. `query`, the URL's search parameters → 400 `invalid_query`.
 * 4. `headers` (the names the schema lists) → 400 `validation_failed`.
 *    Before its schema, each of steps 2–4 refuses a control character, a NUL or a lone UTF-16
 *    surrogate in any name or value (`invalid_characters`): none is meaningful there, and
 *    PostgreSQL cannot store the last two, so they must never reach a query or an audit row.
 * 5. `body`, read only now (the route caps its size) → 400 `validation_failed`.
 *    Steps 2–5 name each bad field (`fields`, see `lib/server/http/field-errors.ts`).
 * 6. `run`, with the user, the parsed input and the context. Only an operation marked
 *    `abortable` (a read) gets the browser's abort signal; every other one runs to its end and
 *    records its outcome even if the user leaves the page (a correction, once sent, must be
 *    settled and audited).
 *
 * `role` is the minimum role; finer rules that depend on the data (only the owner edits a
 * saved view) live in `run`. `scope`, required next to `role`, says how the operation keeps to
 * the user's teams (`lib/shared/work-order-scope.ts`), so none can forget them:
 * - `'workOrder'`: the work order of `params.id`. Checked here, right after step 2: one
 *   outside the user's scope is a 404 `not_found`, exactly like one that does not exist,
 *   before the query, the headers or the body are looked at and before `run` can call the
 *   upstream.
 * - `'list'`: it reads or writes many work orders; `run` gets `scope` and hands it to the SQL
 *   of the index and the overview (their functions take a scoped query: a call without one does
 *   not compile).
 * - `{ none: why }`: it touches no work order (users, reason codes, task-group definitions…).
 */

/** Where each part of a request comes from, and the error its failure is. */
const SOURCES = {
  params: 'invalid_id',
  query: 'invalid_query',
  headers: 'validation_failed',
  body: 'validation_failed',
} as const satisfies Record<string, ErrorCode>;

export interface InputSchemas {
  params?: z.ZodType;
  query?: z.ZodType;
  /** An object schema: its keys are the header names read (case does not matter). */
  headers?: z.ZodObject;
  body?: z.ZodType;
}

export type ParsedInput<S extends InputSchemas> = { [K in keyof S]: S[K] extends z.ZodType ? z.output<S[K]> : never };

/**
 * How an operation keeps to the user's teams (see the contract above). `'workOrder'` is only
 * offered to an operation whose params have the work order's `id`.
 */
export type ScopeDeclaration<S extends InputSchemas = InputSchemas> =
  (S extends { params: z.ZodType<{ id: string }> } ? 'workOrder' : never) | 'list' | { none: string };

/** Any operation's declaration, as a test or a route reads it back. */
export type AnyScopeDeclaration = 'workOrder' | 'list' | { none: string };

export interface OperationSpec<S extends InputSchemas, O> {
  /** The lowest role allowed to call it. */
  role: Role;
  /** Which work orders it may reach: required, so a new operation cannot forget the teams. */
  scope: ScopeDeclaration<S>;
  input?: S;
  /** A read the browser may cancel by leaving: only then does `ctx.signal` reach `run`. */
  abortable?: boolean;
  run(call: { user: SessionUser; scope: WorkOrderScope; input: ParsedInput<S>; ctx: OperationContext }): Promise<O>;
}

/** A request as it arrives, before any check. */
export interface RawInput {
  params?: Record<string, unknown>;
  query?: URLSearchParams | string | Record<string, string | string[] | undefined>;
  headers?: Headers | Record<string, string | null | undefined>;
  /** Called once, after every other check passed. */
  body?: () => Promise<unknown>;
}

const OPERATION = Symbol('field-review.operation');

export interface Operation<S extends InputSchemas = InputSchemas, O = unknown> {
  (ctx: OperationContext, raw?: RawInput): Promise<O>;
  readonly role: Role;
  readonly scope: AnyScopeDeclaration;
  readonly input: S;
  readonly [OPERATION]: true;
}

export function operation<S extends InputSchemas = Record<never, never>, O = unknown>(spec: OperationSpec<S, O>): Operation<S, O> {
  const schemas: InputSchemas = spec.input ?? {};
  // Pages call operations outside of a route handler: the request id goes on every log line here too.
  const call = (ctx: OperationContext, raw: RawInput = {}): Promise<O> => withLogContext({ requestId: ctx.requestId }, () => authorizedRun(ctx, raw));
  const authorizedRun = async (ctx: OperationContext, raw: RawInput): Promise<O> => {
    const user = await requireRole(spec.role);
    const input: Record<string, unknown> = {};
    if (schemas.params) input.params = parseInput(schemas.params, checkedText(raw.params ?? {}, SOURCES.params), SOURCES.params);
    if (spec.scope === 'workOrder') await requireWorkOrderInScope(user.scope, (input.params as { id: string }).id, ctx);
    if (schemas.query) {
      const query = searchParams(raw.query);
      checkedText(Object.fromEntries([...query.keys()].map((key) => [key, query.getAll(key)])), SOURCES.query);
      input.query = parseInput(schemas.query, query, SOURCES.query);
    }
    if (schemas.headers) {
      const headers = headerValues(schemas.headers, raw.headers);
      input.headers = parseInput(schemas.headers, checkedText(headers, SOURCES.headers, { controls: false }), SOURCES.headers);
    }
    if (schemas.body) input.body = parseInput(schemas.body, raw.body ? await raw.body() : undefined, SOURCES.body);
    const { signal, ...rest } = ctx;
    return spec.run({ user, scope: user.scope, input: input as ParsedInput<S>, ctx: spec.abortable && signal ? { ...rest, signal } : rest });
  };
  return Object.assign(call, { role: spec.role, scope: spec.scope as AnyScopeDeclaration, input: schemas as S, [OPERATION]: true as const });
}

export function isOperation(value: unknown): value is Operation {
  return typeof value === 'function' && (value as Partial<Operation>)[OPERATION] === true;
}

/**
 * Refuses, with `code` and the offending name as field, any name or string value holding a
 * NUL, a lone surrogate or (unless told otherwise: a header value may hold a tab) a control
 * character. Returns `values` unchanged.
 */
function checkedText<T extends Record<string, unknown>>(values: T, code: ErrorCode, options: { controls?: boolean } = {}): T {
  const controls = options.controls ?? true;
  for (const [name, value] of Object.entries(values)) {
    const texts = Array.isArray(value) ? value : [value];
    const bad = hasUnstorableText(name, { controls }) || texts.some((text) => typeof text === 'string' && hasUnstorableText(text, { controls }));
    if (bad) throw new AppError(code, { fields: { [hasUnstorableText(name, { controls }) ? '_' : name]: 'invalid_characters' } });
  }
  return values;
}

function searchParams(query: RawInput['query']): URLSearchParams {
  if (query instanceof URLSearchParams) return query;
  if (typeof query === 'string') return new URLSearchParams(query.replace(/^\?/, ''));
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value]) params.append(key, item);
  }
  return params;
}

function headerValues(schema: z.ZodObject, headers: RawInput['headers']): Record<string, string | null> {
  const read = (name: string): string | null => {
    if (headers instanceof Headers) return headers.get(name);
    const entry = Object.entries(headers ?? {}).find(([key]) => key.toLowerCase() === name.toLowerCase());
    return entry?.[1] ?? null;
  };
  return Object.fromEntries(Object.keys(schema.shape).map((name) => [name, read(name)]));
}
