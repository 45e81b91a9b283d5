import 'server-only';
import { createHash, randomUUID } from 'node:crypto';
import {
  CircuitState,
  ConsecutiveBreaker,
  DelegateBackoff,
  TaskCancelledError,
  bulkhead,
  circuitBreaker,
  fullJitterGenerator,
  handleWhen,
  isBrokenCircuitError,
  isBulkheadRejectedError,
  retry,
  type BulkheadPolicy,
  type CircuitBreakerPolicy,
  type IRetryBackoffContext,
} from 'cockatiel';
import type { z } from 'zod';
import { AppError, isAppError } from '@/lib/server/http/errors';
import { logger } from '@/lib/server/logger';
import { currentLogContext } from '@/lib/server/log-context';
import { recordUpstreamCall, type UpstreamPolicies } from '@/lib/server/metrics/upstream';
import { BodyTooLargeError, readCapped } from '@/lib/shared/capped-body';
import {
  DeepomaticConfigError,
  UPSTREAM_LANGUAGES,
  getDeepomaticConfig,
  type CallBudget,
  type DeepomaticConfig,
  type UpstreamLanguage,
} from './config';
import { buildUpstreamUrl, type UpstreamPath } from './ids';
import { markMayStillLand } from './in-flight';
import { collectShapeNotes, firstTimeNotes } from './shape-notes';
import type { CallOptions, CircuitStateName } from './types';

/**
 * The single choke point to the Deepomatic API: every call goes through
 * `upstreamRequest`. It builds the headers from nothing, refuses redirects, applies one
 * deadline to the whole call (headers and body, every attempt, backoff and queueing), caps
 * the response size, validates the JSON with zod, and maps every failure to an `AppError`
 * that carries no upstream text. Resilience comes from cockatiel: retries with full jitter
 * (reads only, or writes that provably never left), a circuit breaker per upstream origin
 * and a bulkhead on concurrent calls.
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type BudgetName = 'read' | 'write' | 'analyze';

export interface UpstreamRequest<T> {
  method: HttpMethod;
  path: UpstreamPath;
  query?: URLSearchParams;
  /** Already rebuilt from parsed fields; sent as JSON. */
  body?: unknown;
  /** Schema of the success body; omitted when the answer has no body (204). */
  schema?: z.ZodType<T>;
  /** Defaults to `read` for GET and `write` otherwise. */
  budget?: BudgetName;
  /** Overrides the number of attempts of the budget (health checks use 1). */
  attempts?: number;
  /** Upstream field name → our reason key (`errors.fields.*`) when the upstream rejects it. */
  fieldReasons?: Readonly<Record<string, string>>;
  /** Endpoint-specific reading of a 400/409/422 (e.g. "task not analysed"). */
  onRejected?: (rejection: UpstreamRejection) => AppError | undefined;
  /**
   * What the site answered, for the upstream check: the HTTP status of each attempt that got
   * one, and every shape note of the parsed answer (not only those logged for the first time).
   */
  observe?: { status?(status: number): void; notes?(notes: readonly string[]): void };
}

/** What a rejection looks like to `onRejected`: field names only, never the upstream text. */
export interface UpstreamRejection {
  status: number;
  /** Upstream field names that carried an error (known fields only). */
  fields: string[];
  /** Whether the body had a `detail` or `non_field_errors` entry. */
  hasDetail: boolean;
}

/** Request fields the upstream may name in a 400; anything else is not echoed. */
const KNOWN_FIELDS = new Set([
  'name',
  'metadata',
  'tags',
  'field_engineer_email',
  'user_group_ids',
  'work_order_types',
  'task_group_name',
  'inputs',
  'callback_url',
  'corrected_value',
]);
const DEFAULT_FIELD_REASON = 'rejected_upstream';
const ERROR_BODY_LIMIT = 64 * 1024;
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);
const REQUEST_ID_PATTERN = /^[A-Za-z0-9._-]{1,128}$/;
const JSON_CONTENT_TYPE = /^application\/(?:[\w.+-]*\+)?json(?:\s*;|$)/i;
const MAX_RETRY_AFTER_S = 24 * 60 * 60;
const BULKHEAD_RETRY_AFTER_S = 2;

const log = logger.child({ component: 'deepomatic' });

// ---------------------------------------------------------------------------------------
// Shared state: one breaker per upstream origin, one bulkhead and one cool-down per
// process. Held on globalThis so that dev reloads and duplicated module instances share it.

interface BreakerEntry {
  policy: CircuitBreakerPolicy;
  openedAt: number;
  halfOpenAfterMs: number;
}

interface UpstreamState {
  breakers: Map<string, BreakerEntry>;
  bulkheads: Map<string, BulkheadPolicy>;
  coolDownUntil: Map<string, number>;
  /** Which form of an endpoint's URL the site answered, for endpoints written two ways (see task-groups.ts). */
  urlForms: Map<string, string>;
}

const globalForState = globalThis as typeof globalThis & { __deepomaticUpstreamState?: UpstreamState };

function state(): UpstreamState {
  return (globalForState.__deepomaticUpstreamState ??= {
    breakers: new Map(),
    bulkheads: new Map(),
    coolDownUntil: new Map(),
    urlForms: new Map(),
  });
}

/** The URL form that worked for `endpoint` in this process, if one did. */
export function rememberedUrlForm(endpoint: string): string | undefined {
  return state().urlForms.get(endpoint);
}

export function rememberUrlForm(endpoint: string, form: string): void {
  state().urlForms.set(endpoint, form);
}

/** What the breakers and bulkheads hold now, for the metrics (origins only, no key or path). */
export function upstreamPolicies(): UpstreamPolicies {
  const { breakers, bulkheads } = state();
  const lanes = new Map<string, { active: number; queued: number }>();
  for (const [key, policy] of bulkheads) {
    const [lane, concurrency, queue] = key.split('|');
    const sum = lanes.get(lane) ?? { active: 0, queued: 0 };
    sum.active += Number(concurrency) - policy.executionSlots;
    sum.queued += Number(queue) - policy.queueSlots;
    lanes.set(lane, sum);
  }
  return {
    breakers: [...breakers].map(([key, entry]) => ({ origin: key.split('|')[0], state: circuitStateName(entry.policy.state) })),
    bulkheads: [...lanes].map(([lane, sum]) => ({ lane, ...sum })),
  };
}

/** Forgets breakers, bulkheads, cool-downs and URL forms (tests, or after a configuration change). */
export function resetUpstreamState(): void {
  globalForState.__deepomaticUpstreamState = undefined;
}

function breakerFor(config: DeepomaticConfig): BreakerEntry {
  const { threshold, halfOpenAfterMs } = config.breaker;
  const key = `${config.baseUrl.origin}|${threshold}|${halfOpenAfterMs}`;
  const breakers = state().breakers;
  let entry = breakers.get(key);
  if (!entry) {
    const policy = circuitBreaker(
      handleWhen((error) => isAttemptFailure(error) && error.countsForBreaker),
      { halfOpenAfter: halfOpenAfterMs, breaker: new ConsecutiveBreaker(threshold) },
    );
    const created: BreakerEntry = { policy, openedAt: 0, halfOpenAfterMs };
    policy.onBreak(() => {
      created.openedAt = Date.now();
      log.error({ event: 'upstream_breaker_open', origin: config.baseUrl.origin }, 'Deepomatic circuit breaker opened');
    });
    policy.onReset(() => log.info({ event: 'upstream_breaker_closed', origin: config.baseUrl.origin }, 'Deepomatic circuit breaker closed'));
    breakers.set(key, created);
    entry = created;
  }
  return entry;
}

function bulkheadFor(kind: 'shared' | 'background', concurrency: number, queue: number): BulkheadPolicy {
  const key = `${kind}|${concurrency}|${queue}`;
  const bulkheads = state().bulkheads;
  let policy = bulkheads.get(key);
  if (!policy) {
    policy = bulkhead(concurrency, queue);
    bulkheads.set(key, policy);
  }
  return policy;
}

/** Every call takes a slot of the shared bulkhead; background calls first take one of their own. */
function withBulkheads<T>(config: DeepomaticConfig, background: boolean, fn: () => Promise<T>, signal: AbortSignal): Promise<T> {
  const { concurrency, queue, backgroundConcurrency, backgroundQueue } = config.bulkhead;
  const shared = bulkheadFor('shared', concurrency, queue);
  if (!background) return shared.execute(fn, signal);
  const own = bulkheadFor('background', backgroundConcurrency, backgroundQueue);
  return own.execute(() => shared.execute(fn, signal), signal);
}

function circuitStateName(value: CircuitState): CircuitStateName {
  switch (value) {
    case CircuitState.Open:
      return 'open';
    case CircuitState.HalfOpen:
      return 'half-open';
    case CircuitState.Isolated:
      return 'isolated';
    default:
      return 'closed';
  }
}

/** The breaker state for the configured upstream (`closed` when nothing was called yet). */
export function getBreakerState(config: DeepomaticConfig = getDeepomaticConfig()): CircuitStateName {
  return circuitStateName(breakerFor(config).policy.state);
}

// ---------------------------------------------------------------------------------------
// Failures inside the pipeline carry how the policies must treat them.

interface FailureTraits {
  /** Worth another attempt for a read. */
  transient?: boolean;
  /** The request provably never reached the upstream (safe to re-send any method). */
  notSent?: boolean;
  /** Counts as a breaker failure (5xx, 429, timeouts, network). */
  countsForBreaker?: boolean;
  /** Upstream-imposed wait before the next attempt. */
  retryAfterMs?: number;
  status?: number;
}

/**
 * Told by name, not by class: the circuit breaker lives in process-wide state, and the server
 * build holds several copies of this module (one per chunk that imports it). A breaker made by
 * one copy must count the failures another copy throws, or it never opens for their calls.
 */
function isAttemptFailure(error: unknown): error is AttemptFailure {
  return error instanceof Error && error.name === 'AttemptFailure' && 'countsForBreaker' in error;
}

class AttemptFailure extends Error {
  readonly transient: boolean;
  readonly notSent: boolean;
  readonly countsForBreaker: boolean;
  readonly retryAfterMs?: number;
  readonly status?: number;

  constructor(
    /** What the caller finally gets: an AppError, or the caller's own abort reason. */
    readonly failure: AppError | { callerAbort: unknown },
    traits: FailureTraits = {},
  ) {
    super(isAppError(failure) ? failure.code : 'aborted');
    this.name = 'AttemptFailure';
    this.transient = traits.transient ?? false;
    this.notSent = traits.notSent ?? false;
    this.countsForBreaker = traits.countsForBreaker ?? false;
    this.retryAfterMs = traits.retryAfterMs;
    this.status = traits.status;
  }
}

const transientDetails = { retryable: true };

// ---------------------------------------------------------------------------------------

function pickLanguage(language: string | undefined): UpstreamLanguage {
  const primary = language?.toLowerCase().split(/[-_]/)[0];
  return (UPSTREAM_LANGUAGES as readonly string[]).includes(primary ?? '') ? (primary as UpstreamLanguage) : 'en';
}

/**
 * The id sent as `X-Request-Id`: the caller's, else that of the request being served (so a
 * call made deep inside an operation still carries the id of the request that caused it), else
 * a fresh one (background jobs).
 */
function pickRequestId(requestId: string | undefined): string {
  const candidate = requestId ?? currentLogContext().requestId;
  return candidate && REQUEST_ID_PATTERN.test(candidate) ? candidate : randomUUID();
}

/** Built from nothing: no header of the incoming browser request is forwarded upstream. */
function buildHeaders(config: DeepomaticConfig, language: UpstreamLanguage, requestId: string, hasBody: boolean): Headers {
  const headers = new Headers();
  headers.set('Authorization', `Token ${config.apiKey}`);
  headers.set('Accept', 'application/json');
  headers.set('Accept-Language', language);
  headers.set('X-Request-Id', requestId);
  headers.set('User-Agent', config.userAgent);
  if (hasBody) headers.set('Content-Type', 'application/json');
  return headers;
}

/** `Retry-After` as delay-seconds or an HTTP-date (RFC 9110 §10.2.3), in ms; undefined if absent/invalid. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Math.min(Number(trimmed), MAX_RETRY_AFTER_S) * 1000;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.min(Math.max(0, date - now), MAX_RETRY_AFTER_S * 1000);
}

function toSeconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}

/** Reads the body up to `limit` bytes, stopping the download as soon as it is passed. */
async function readBody(response: Response, limit: number): Promise<Buffer> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) {
    await response.body?.cancel().catch(() => undefined);
    throw new BodyTooLargeError(limit);
  }
  const bytes = await readCapped(response.body, limit);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function bodySummary(body: Buffer) {
  return { length: body.byteLength, sha256: createHash('sha256').update(body).digest('hex').slice(0, 16) };
}

function mapRejectedFields(body: unknown, reasons: Readonly<Record<string, string>> | undefined) {
  const fields: Record<string, string> = {};
  let hasDetail = false;
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    for (const key of Object.keys(body)) {
      if (key === 'detail' || key === 'non_field_errors') hasDetail = true;
      else if (KNOWN_FIELDS.has(key)) fields[key] = reasons?.[key] ?? DEFAULT_FIELD_REASON;
    }
  } else if (Array.isArray(body) || typeof body === 'string') {
    hasDetail = true;
  }
  return { fields, hasDetail };
}

async function readJsonQuietly(response: Response, limit: number): Promise<unknown> {
  try {
    if (!JSON_CONTENT_TYPE.test(response.headers.get('content-type') ?? '')) {
      await response.body?.cancel().catch(() => undefined);
      return undefined;
    }
    return JSON.parse((await readBody(response, limit)).toString('utf8'));
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------

/** Everything one call needs, fixed before the first attempt. */
interface Call<T> {
  request: UpstreamRequest<T>;
  config: DeepomaticConfig;
  url: URL;
  requestId: string;
  headers: Headers;
  bodyText: string | undefined;
  budget: CallBudget;
  /** Fires at the deadline or when the caller aborts. */
  signal: AbortSignal;
  callerSignal: AbortSignal | undefined;
  deadlineAt: number;
  /**
   * Whether the upstream may still be processing a request of this call: one is out and not
   * answered yet (`awaiting`), or one ended without an answer and may have been received
   * (`unanswered`). What `mayStillLand` reports on the call's error.
   */
  delivery: { awaiting: boolean; unanswered: boolean };
}

/** Runs one upstream call through the policies; returns the parsed body. */
export async function upstreamRequest<T>(request: UpstreamRequest<T>, options: CallOptions = {}): Promise<T> {
  const requestId = pickRequestId(options.requestId);
  const { method, path } = request;
  const config = loadConfig(requestId);
  const url = buildUpstreamUrl(config.baseUrl, path.path, request.query, path.slashless === true);
  const callerSignal = options.signal;
  if (callerSignal?.aborted) throw callerSignal.reason;
  failFastDuringCoolDown(config.baseUrl.origin, request, requestId);

  const budget = config.budgets[request.budget ?? (method === 'GET' ? 'read' : 'write')];
  const deadlineSignal = AbortSignal.timeout(budget.deadlineMs);
  const call: Call<T> = {
    request,
    config,
    url,
    requestId,
    headers: buildHeaders(config, pickLanguage(options.language), requestId, request.body !== undefined),
    bodyText: request.body === undefined ? undefined : JSON.stringify(request.body),
    budget,
    signal: callerSignal ? AbortSignal.any([callerSignal, deadlineSignal]) : deadlineSignal,
    callerSignal,
    deadlineAt: Date.now() + budget.deadlineMs,
    delivery: { awaiting: false, unanswered: false },
  };

  const breaker = breakerFor(config);
  const background = options.priority === 'background';
  let attemptNo = 0;
  const pipeline = retryPolicyFor(call).execute(
    () => breaker.policy.execute(() => withBulkheads(config, background, () => runAttempt(call, ++attemptNo), call.signal), call.signal),
    call.signal,
  );

  try {
    return await raceDeadline(pipeline, call.signal);
  } catch (error) {
    const failure = toAppError(error, { signal: call.signal, callerSignal, breaker, requestId, method, template: path.template });
    const { awaiting, unanswered } = call.delivery;
    throw isAppError(failure) && (awaiting || unanswered) ? markMayStillLand(failure) : failure;
  }
}

function loadConfig(requestId: string): DeepomaticConfig {
  try {
    return getDeepomaticConfig();
  } catch (error) {
    if (error instanceof DeepomaticConfigError) {
      log.error({ event: 'upstream_not_configured', requestId, reason: error.message }, 'Deepomatic client is not configured');
      throw new AppError('upstream_unavailable', { cause: error });
    }
    throw error;
  }
}

/** After a `Retry-After`, every call fails fast until it has passed, without touching the upstream. */
function failFastDuringCoolDown(origin: string, request: UpstreamRequest<unknown>, requestId: string): void {
  const until = state().coolDownUntil.get(origin) ?? 0;
  const now = Date.now();
  if (until <= now) return;
  recordUpstreamCall({ method: request.method, endpoint: request.path.template, status: 'cool_down' });
  log.warn(
    { event: 'upstream_call', method: request.method, path: request.path.template, requestId, code: 'upstream_unavailable', coolDown: true },
    'upstream call skipped (cool-down)',
  );
  throw new AppError('upstream_unavailable', { retryAfter: toSeconds(until - now), details: transientDetails });
}

/**
 * Reads retry transient failures; writes only failures that prove nothing was sent. The wait is
 * full jitter `random(0, min(max, base·2^n))`, or the upstream's `Retry-After`, never past the deadline.
 */
function retryPolicyFor(call: Call<unknown>) {
  const isRead = call.request.method === 'GET';
  const remaining = () => call.deadlineAt - Date.now();
  const attempts = Math.max(1, call.request.attempts ?? call.budget.attempts);
  const shouldRetry = (error: Error): boolean => {
    if (!isAttemptFailure(error) || call.signal.aborted) return false;
    if (!(isRead ? error.transient : error.notSent)) return false;
    // An upstream-imposed wait longer than what is left of the deadline: fail now.
    return error.retryAfterMs === undefined || error.retryAfterMs < remaining();
  };
  return retry(handleWhen(shouldRetry), {
    maxAttempts: attempts - 1,
    backoff: new DelegateBackoff((context: IRetryBackoffContext<unknown>) => {
      const failure = 'error' in context.result ? context.result.error : undefined;
      const upstreamWait = isAttemptFailure(failure) ? failure.retryAfterMs : undefined;
      const [jittered] = fullJitterGenerator(context.attempt - 1, {
        generator: fullJitterGenerator,
        initialDelay: call.config.retry.baseDelayMs,
        maxDelay: call.config.retry.maxDelayMs,
        exponent: 2,
      });
      return Math.max(0, Math.min(upstreamWait ?? jittered, remaining()));
    }),
  });
}

/** One attempt: its own timeout inside the overall deadline, one log line whatever happens. */
async function runAttempt<T>(call: Call<T>, attempt: number): Promise<T> {
  const { method, path } = call.request;
  if (call.signal.aborted) throw abortFailure(call);
  const attemptSignal = AbortSignal.any([call.signal, AbortSignal.timeout(call.budget.attemptTimeoutMs)]);
  const started = performance.now();
  let status: number | undefined;
  const line = () => ({
    event: 'upstream_call',
    method,
    path: path.template,
    status,
    durationMs: Math.round(performance.now() - started),
    attempt,
    requestId: call.requestId,
  });
  call.delivery.awaiting = true;
  try {
    const response = await fetch(call.url, {
      method,
      headers: call.headers,
      body: call.bodyText,
      // 'error' would hide the status; 'manual' hands us the 3xx so we refuse it ourselves.
      redirect: 'manual',
      signal: attemptSignal,
      cache: 'no-store',
    });
    status = response.status;
    call.delivery.awaiting = false;
    // A gateway that stopped waiting for the server behind it: that server may still act.
    if (status === 504) call.delivery.unanswered = true;
    call.request.observe?.status?.(status);
    const result = await readResponse(call, response);
    log.info(line(), 'upstream call');
    recordUpstreamCall({ method, endpoint: path.template, status, seconds: (performance.now() - started) / 1000 });
    return result;
  } catch (error) {
    const failure = isAttemptFailure(error) ? error : networkFailure(call, error, attemptSignal, status === undefined);
    if (status === undefined && !failure.notSent) call.delivery.unanswered = true;
    call.delivery.awaiting = false;
    const code = isAppError(failure.failure) ? failure.failure.code : 'aborted';
    const stoppedBy = code === 'upstream_timeout' ? 'timeout' : code === 'aborted' ? 'aborted' : 'network';
    recordUpstreamCall({ method, endpoint: path.template, status: status ?? stoppedBy, seconds: (performance.now() - started) / 1000 });
    if (code === 'upstream_auth_failed') log.error({ ...line(), code }, 'Deepomatic rejected the API key');
    else if (code === 'not_found' || code === 'aborted') log.info({ ...line(), code }, 'upstream call failed');
    else log.warn({ ...line(), code }, 'upstream call failed');
    throw failure;
  }
}

function abortFailure(call: Call<unknown>): AttemptFailure {
  return call.callerSignal?.aborted
    ? new AttemptFailure({ callerAbort: call.callerSignal.reason })
    : new AttemptFailure(new AppError('upstream_timeout', { details: transientDetails }), { countsForBreaker: true });
}

/** A thrown fetch or body-read error: deadline, attempt timeout, or network failure. */
function networkFailure(call: Call<unknown>, error: unknown, attemptSignal: AbortSignal, beforeResponse: boolean): AttemptFailure {
  if (call.signal.aborted) return abortFailure(call);
  if (attemptSignal.aborted) {
    return new AttemptFailure(new AppError('upstream_timeout', { details: transientDetails }), { transient: true, countsForBreaker: true });
  }
  const code = (error as { cause?: { code?: unknown } } | undefined)?.cause?.code;
  const notSent = beforeResponse && typeof code === 'string' && NOT_SENT_CODES.has(code);
  return new AttemptFailure(new AppError('upstream_error', { details: transientDetails }), { transient: true, notSent, countsForBreaker: true });
}

const discard = (response: Response) => response.body?.cancel().catch(() => undefined);

/**
 * Status → result or failure: 2xx is parsed, every other status becomes an `AppError` that
 * carries no upstream text.
 */
async function readResponse<T>(call: Call<T>, response: Response): Promise<T> {
  const { status } = response;
  if (status >= 200 && status < 300) return parseSuccess(call, response);
  if (status === 400 || status === 409 || status === 413 || status === 422) {
    const body = await readJsonQuietly(response, ERROR_BODY_LIMIT);
    const { fields, hasDetail } = mapRejectedFields(body, call.request.fieldReasons);
    const custom = call.request.onRejected?.({ status, fields: Object.keys(fields), hasDetail });
    const error =
      custom ??
      new AppError('upstream_rejected', {
        status: status === 409 || status === 422 ? status : 400,
        fields: Object.keys(fields).length > 0 ? fields : undefined,
      });
    throw new AttemptFailure(error, { status });
  }
  await discard(response);
  if (status >= 300 && status < 400) throw new AttemptFailure(new AppError('upstream_redirect'), { status });
  if (status === 401 || status === 403) throw new AttemptFailure(new AppError('upstream_auth_failed'), { status });
  if (status === 404 || status === 410) throw new AttemptFailure(new AppError('not_found'), { status });
  if (status === 429 || status === 503) {
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
    if (retryAfterMs !== undefined && retryAfterMs > 0) {
      const coolDowns = state().coolDownUntil;
      const origin = call.config.baseUrl.origin;
      coolDowns.set(origin, Math.max(coolDowns.get(origin) ?? 0, Date.now() + retryAfterMs));
    }
    const error = new AppError('upstream_unavailable', {
      retryAfter: retryAfterMs === undefined ? undefined : toSeconds(retryAfterMs),
      details: transientDetails,
    });
    throw new AttemptFailure(error, { transient: true, countsForBreaker: true, retryAfterMs, status });
  }
  if (status >= 500) {
    throw new AttemptFailure(new AppError('upstream_error', { details: transientDetails }), { transient: true, countsForBreaker: true, status });
  }
  throw new AttemptFailure(new AppError('upstream_error'), { status });
}

/** A 2xx body: capped, JSON, then the schema; a failure logs length and hash, never the body. */
async function parseSuccess<T>(call: Call<T>, response: Response): Promise<T> {
  const { schema, path } = call.request;
  if (!schema) {
    await discard(response);
    return undefined as T;
  }
  let body: Buffer;
  try {
    body = await readBody(response, call.config.maxResponseBytes);
  } catch (error) {
    if (error instanceof BodyTooLargeError) {
      log.warn(
        { event: 'upstream_too_large', path: path.template, requestId: call.requestId, limit: call.config.maxResponseBytes },
        'upstream answer over the size cap',
      );
      throw new AttemptFailure(new AppError('upstream_too_large'), { status: response.status });
    }
    throw error; // a network failure mid-body: classified by runAttempt
  }
  const invalid = (reason: string, extra: Record<string, unknown> = {}) => {
    log.warn(
      { event: 'upstream_invalid_response', path: path.template, requestId: call.requestId, reason, ...bodySummary(body), ...extra },
      'upstream answer rejected',
    );
    return new AttemptFailure(new AppError('upstream_invalid_response'), { status: response.status });
  };
  const contentType = response.headers.get('content-type') ?? '';
  if (!JSON_CONTENT_TYPE.test(contentType)) throw invalid('content_type', { contentType: contentType.slice(0, 64) });
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    throw invalid('json');
  }
  const parsed = parseNoting(schema, json, path.template, call.request.observe?.notes);
  if (!parsed.success) {
    // Paths and codes only: issue messages may quote values.
    const issues = parsed.error.issues.slice(0, 10).map((issue) => ({ path: issue.path.join('.'), code: issue.code }));
    throw invalid('schema', { issues });
  }
  return parsed.data;
}

/**
 * `schema.safeParse(json)`, logging (once per process for each endpoint and path) the optional
 * fields the answer lacked and the parts we could not read: what an operator needs to know about
 * their site, without a line per request. Paths only, never values.
 */
export function parseNoting<T>(
  schema: z.ZodType<T>,
  json: unknown,
  endpoint: string,
  onNotes?: (notes: readonly string[]) => void,
): z.ZodSafeParseResult<T> {
  const { value: parsed, notes } = collectShapeNotes(() => schema.safeParse(json));
  onNotes?.(notes);
  const fresh = firstTimeNotes(endpoint, notes);
  if (fresh.length > 0) {
    log.info(
      { event: 'upstream_shape', path: endpoint, missing: fresh },
      'the upstream answer lacks optional fields or has parts we cannot read: the app derives them or shows them as unknown',
    );
  }
  return parsed;
}

/** Settles with the pipeline, or as soon as the deadline/caller signal fires (queued calls included). */
function raceDeadline<T>(pipeline: Promise<T>, signal: AbortSignal): Promise<T> {
  pipeline.catch(() => undefined); // the loser of the race must not become an unhandled rejection
  if (signal.aborted) return Promise.reject(new TaskCancelledError());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new TaskCancelledError());
    signal.addEventListener('abort', onAbort, { once: true });
    pipeline.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/**
 * The resilience policies' own refusals, told by their marker property rather than by class:
 * the server build holds several copies of the library (one per chunk that imports it), and
 * the policies live in process-wide state, so the copy that made a policy — and threw — need
 * not be the one catching. The library's own guard for a cancelled task checks the wrong
 * marker, hence this one.
 */
const isTaskCancelled = (error: unknown): boolean => error instanceof Error && 'isTaskCancelledError' in error;

function toAppError(
  error: unknown,
  context: {
    signal: AbortSignal;
    callerSignal?: AbortSignal;
    breaker: BreakerEntry;
    requestId: string;
    method: HttpMethod;
    template: string;
  },
): unknown {
  /** The `upstream_call` record of a call the resilience policies stopped, with why. */
  const warnStopped = (outcome: Record<string, unknown>, message: string) =>
    log.warn({ event: 'upstream_call', method: context.method, path: context.template, requestId: context.requestId, ...outcome }, message);
  if (isAttemptFailure(error)) {
    return isAppError(error.failure) ? error.failure : error.failure.callerAbort;
  }
  if (isBrokenCircuitError(error)) {
    const waitMs = context.breaker.openedAt + context.breaker.halfOpenAfterMs - Date.now();
    warnStopped({ code: 'upstream_unavailable', breaker: 'open' }, 'upstream call skipped (breaker open)');
    recordUpstreamCall({ method: context.method, endpoint: context.template, status: 'breaker_open' });
    return new AppError('upstream_unavailable', { retryAfter: toSeconds(Math.max(waitMs, 0)), details: transientDetails });
  }
  if (isBulkheadRejectedError(error)) {
    warnStopped({ code: 'upstream_unavailable', bulkhead: 'full' }, 'upstream call rejected (too many concurrent calls)');
    recordUpstreamCall({ method: context.method, endpoint: context.template, status: 'bulkhead_full' });
    return new AppError('upstream_unavailable', { retryAfter: BULKHEAD_RETRY_AFTER_S, details: transientDetails });
  }
  if (isTaskCancelled(error) || context.signal.aborted) {
    if (context.callerSignal?.aborted) return context.callerSignal.reason;
    warnStopped({ code: 'upstream_timeout', deadline: true }, 'upstream call passed its deadline');
    return new AppError('upstream_timeout', { details: transientDetails });
  }
  log.error(
    { event: 'upstream_unexpected', method: context.method, path: context.template, requestId: context.requestId, err: error },
    'unexpected upstream client failure',
  );
  return new AppError('upstream_error', { cause: error });
}
