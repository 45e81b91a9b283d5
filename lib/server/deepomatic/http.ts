import 'server-only';
import { createHash, randomUUID } from 'node:crypto';
import {
  BrokenCircuitError,
  BulkheadRejectedError,
  CircuitState,
  ConsecutiveBreaker,
  DelegateBackoff,
  TaskCancelledError,
  bulkhead,
  circuitBreaker,
  fullJitterGenerator,
  handleWhen,
  retry,
  type BulkheadPolicy,
  type CircuitBreakerPolicy,
  type IRetryBackoffContext,
} from 'cockatiel';
import type { z } from 'zod';
import { AppError } from '@/lib/server/http/errors';
import { logger } from '@/lib/server/logger';
import {
  DeepomaticConfigError,
  UPSTREAM_LANGUAGES,
  getDeepomaticConfig,
  type CallBudget,
  type DeepomaticConfig,
  type UpstreamLanguage,
} from './config';
import { buildUpstreamUrl, type UpstreamPath } from './ids';
import type { CallOptions, CircuitStateName } from './types';

/**
 * The single choke point to the Deepomatic API (rule R4): every call goes through
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
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);
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
}

const globalForState = globalThis as typeof globalThis & { __deepomaticUpstreamState?: UpstreamState };

function state(): UpstreamState {
  return (globalForState.__deepomaticUpstreamState ??= {
    breakers: new Map(),
    bulkheads: new Map(),
    coolDownUntil: new Map(),
  });
}

/** Forgets breakers, bulkheads and cool-downs (tests, or after a configuration change). */
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
      handleWhen((error) => error instanceof AttemptFailure && error.countsForBreaker),
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
    super(failure instanceof AppError ? failure.code : 'aborted');
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

function pickRequestId(requestId: string | undefined): string {
  return requestId && REQUEST_ID_PATTERN.test(requestId) ? requestId : randomUUID();
}

/** Built from nothing (T12): nothing of the incoming browser request is forwarded. */
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

class TooLargeError extends Error {}

/** Reads the body up to `limit` bytes (decoded), stopping the download as soon as it is passed. */
async function readCapped(response: Response, limit: number): Promise<Buffer> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) {
    await response.body?.cancel().catch(() => undefined);
    throw new TooLargeError();
  }
  if (!response.body) return Buffer.alloc(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      throw new TooLargeError();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
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
    return JSON.parse((await readCapped(response, limit)).toString('utf8'));
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------

/** Runs one upstream call through the policies; returns the parsed body. */
export async function upstreamRequest<T>(request: UpstreamRequest<T>, options: CallOptions = {}): Promise<T> {
  const requestId = pickRequestId(options.requestId);
  const { method, path } = request;

  let config: DeepomaticConfig;
  try {
    config = getDeepomaticConfig();
  } catch (error) {
    if (error instanceof DeepomaticConfigError) {
      log.error({ event: 'upstream_not_configured', requestId, reason: error.message }, 'Deepomatic client is not configured');
      throw new AppError('upstream_unavailable', { cause: error });
    }
    throw error;
  }

  const url = buildUpstreamUrl(config.baseUrl, path.path, request.query);
  const origin = config.baseUrl.origin;
  const callerSignal = options.signal;
  if (callerSignal?.aborted) throw callerSignal.reason;

  // Shared cool-down after a Retry-After: fail fast without touching the upstream.
  const coolDownUntil = state().coolDownUntil.get(origin) ?? 0;
  const now = Date.now();
  if (coolDownUntil > now) {
    log.warn({ event: 'upstream_call', method, path: path.template, requestId, code: 'upstream_unavailable', coolDown: true }, 'upstream call skipped (cool-down)');
    throw new AppError('upstream_unavailable', { retryAfter: toSeconds(coolDownUntil - now), details: transientDetails });
  }

  const budgetName: BudgetName = request.budget ?? (method === 'GET' ? 'read' : 'write');
  const budget: CallBudget = config.budgets[budgetName];
  const attempts = Math.max(1, request.attempts ?? budget.attempts);
  const deadlineAt = Date.now() + budget.deadlineMs;
  const deadlineSignal = AbortSignal.timeout(budget.deadlineMs);
  const signal = callerSignal ? AbortSignal.any([callerSignal, deadlineSignal]) : deadlineSignal;
  const isRead = method === 'GET';
  const headers = buildHeaders(config, pickLanguage(options.language), requestId, request.body !== undefined);
  const bodyText = request.body === undefined ? undefined : JSON.stringify(request.body);
  const breaker = breakerFor(config);
  const remaining = () => deadlineAt - Date.now();

  const abortFailure = (): AttemptFailure =>
    callerSignal?.aborted
      ? new AttemptFailure({ callerAbort: callerSignal.reason })
      : new AttemptFailure(new AppError('upstream_timeout', { details: transientDetails }), { countsForBreaker: true });

  let attemptNo = 0;

  const attempt = async (): Promise<T> => {
    attemptNo += 1;
    const thisAttempt = attemptNo;
    if (signal.aborted) throw abortFailure();
    const attemptSignal = AbortSignal.any([signal, AbortSignal.timeout(budget.attemptTimeoutMs)]);
    const started = performance.now();
    let status: number | undefined;
    try {
      const result = await send(attemptSignal, (value) => (status = value));
      log.info(
        { event: 'upstream_call', method, path: path.template, status, durationMs: Math.round(performance.now() - started), attempt: thisAttempt, requestId },
        'upstream call',
      );
      return result;
    } catch (error) {
      const failure = error instanceof AttemptFailure ? error : classifyNetworkError(error, attemptSignal, status === undefined);
      const code = failure.failure instanceof AppError ? failure.failure.code : 'aborted';
      const level = code === 'upstream_auth_failed' ? 'error' : code === 'not_found' || code === 'aborted' ? 'info' : 'warn';
      log[level](
        { event: 'upstream_call', method, path: path.template, status, durationMs: Math.round(performance.now() - started), attempt: thisAttempt, requestId, code },
        code === 'upstream_auth_failed' ? 'Deepomatic rejected the API key' : 'upstream call failed',
      );
      throw failure;
    }
  };

  const classifyNetworkError = (error: unknown, attemptSignal: AbortSignal, beforeResponse: boolean): AttemptFailure => {
    if (signal.aborted) return abortFailure();
    if (attemptSignal.aborted) {
      return new AttemptFailure(new AppError('upstream_timeout', { details: transientDetails }), { transient: true, countsForBreaker: true });
    }
    const code = (error as { cause?: { code?: unknown } } | undefined)?.cause?.code;
    const notSent = beforeResponse && typeof code === 'string' && NOT_SENT_CODES.has(code);
    return new AttemptFailure(new AppError('upstream_error', { details: transientDetails }), {
      transient: true,
      notSent,
      countsForBreaker: true,
    });
  };

  const send = async (attemptSignal: AbortSignal, onStatus: (status: number) => void): Promise<T> => {
    const response = await fetch(url, {
      method,
      headers,
      body: bodyText,
      // 'error' would hide the status; 'manual' hands us the 3xx so we refuse it ourselves.
      redirect: 'manual',
      signal: attemptSignal,
      cache: 'no-store',
    });
    onStatus(response.status);
    return handleResponse(response);
  };

  const handleResponse = async (response: Response): Promise<T> => {
    const { status } = response;
    if (status >= 200 && status < 300) return parseSuccess(response);
    if (status >= 300 && status < 400) {
      await response.body?.cancel().catch(() => undefined);
      throw new AttemptFailure(new AppError('upstream_redirect'), { status });
    }
    if (status === 401 || status === 403) {
      await response.body?.cancel().catch(() => undefined);
      throw new AttemptFailure(new AppError('upstream_auth_failed'), { status });
    }
    if (status === 404 || status === 410) {
      await response.body?.cancel().catch(() => undefined);
      throw new AttemptFailure(new AppError('not_found'), { status });
    }
    if (status === 400 || status === 409 || status === 413 || status === 422) {
      const body = await readJsonQuietly(response, ERROR_BODY_LIMIT);
      const { fields, hasDetail } = mapRejectedFields(body, request.fieldReasons);
      const custom = request.onRejected?.({ status, fields: Object.keys(fields), hasDetail });
      const error =
        custom ??
        new AppError('upstream_rejected', {
          status: status === 409 || status === 422 ? status : 400,
          fields: Object.keys(fields).length > 0 ? fields : undefined,
        });
      throw new AttemptFailure(error, { status });
    }
    if (status === 429 || status === 503) {
      await response.body?.cancel().catch(() => undefined);
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
      if (retryAfterMs !== undefined && retryAfterMs > 0) {
        const until = Date.now() + retryAfterMs;
        const coolDowns = state().coolDownUntil;
        coolDowns.set(origin, Math.max(coolDowns.get(origin) ?? 0, until));
      }
      const error = new AppError('upstream_unavailable', {
        retryAfter: retryAfterMs === undefined ? undefined : toSeconds(retryAfterMs),
        details: transientDetails,
      });
      throw new AttemptFailure(error, { transient: true, countsForBreaker: true, retryAfterMs, status });
    }
    await response.body?.cancel().catch(() => undefined);
    if (status >= 500) {
      throw new AttemptFailure(new AppError('upstream_error', { details: transientDetails }), { transient: true, countsForBreaker: true, status });
    }
    throw new AttemptFailure(new AppError('upstream_error'), { status });
  };

  const parseSuccess = async (response: Response): Promise<T> => {
    if (!request.schema) {
      await response.body?.cancel().catch(() => undefined);
      return undefined as T;
    }
    let body: Buffer;
    try {
      body = await readCapped(response, config.maxResponseBytes);
    } catch (error) {
      if (error instanceof TooLargeError) {
        log.warn({ event: 'upstream_too_large', path: path.template, requestId, limit: config.maxResponseBytes }, 'upstream answer over the size cap');
        throw new AttemptFailure(new AppError('upstream_too_large'), { status: response.status });
      }
      throw error; // network failure mid-body: classified by the caller
    }
    const invalid = (reason: string, extra: Record<string, unknown> = {}) => {
      log.warn(
        { event: 'upstream_invalid_response', path: path.template, requestId, reason, ...bodySummary(body), ...extra },
        'upstream answer rejected',
      );
      return new AttemptFailure(new AppError('upstream_invalid_response'), { status: response.status });
    };
    const contentType = response.headers.get('content-type') ?? '';
    if (!JSON_CONTENT_TYPE.test(contentType)) {
      throw invalid('content_type', { contentType: contentType.slice(0, 64) });
    }
    let json: unknown;
    try {
      json = JSON.parse(body.toString('utf8'));
    } catch {
      throw invalid('json');
    }
    const parsed = request.schema.safeParse(json);
    if (!parsed.success) {
      // Paths and codes only: issue messages may quote values.
      const issues = parsed.error.issues.slice(0, 10).map((issue) => ({ path: issue.path.join('.'), code: issue.code }));
      throw invalid('schema', { issues });
    }
    return parsed.data;
  };

  const shouldRetry = (error: Error): boolean => {
    if (!(error instanceof AttemptFailure) || signal.aborted) return false;
    if (!(isRead ? error.transient : error.notSent)) return false;
    // An upstream-imposed wait longer than what is left of the deadline: fail now.
    if (error.retryAfterMs !== undefined && error.retryAfterMs >= remaining()) return false;
    return true;
  };

  const retryPolicy = retry(handleWhen(shouldRetry), {
    maxAttempts: attempts - 1,
    backoff: new DelegateBackoff((context: IRetryBackoffContext<unknown>) => {
      const failure = 'error' in context.result ? context.result.error : undefined;
      const upstreamWait = failure instanceof AttemptFailure ? failure.retryAfterMs : undefined;
      const [jittered] = fullJitterGenerator(context.attempt - 1, {
        generator: fullJitterGenerator,
        initialDelay: config.retry.baseDelayMs,
        maxDelay: config.retry.maxDelayMs,
        exponent: 2,
      });
      return Math.max(0, Math.min(upstreamWait ?? jittered, remaining()));
    }),
  });
  const background = options.priority === 'background';

  const pipeline = retryPolicy.execute(
    () => breaker.policy.execute(() => withBulkheads(config, background, attempt, signal), signal),
    signal,
  );

  try {
    return await raceDeadline(pipeline, signal);
  } catch (error) {
    throw toAppError(error, { signal, callerSignal, breaker, requestId, method, template: path.template });
  }
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
  if (error instanceof AttemptFailure) {
    return error.failure instanceof AppError ? error.failure : error.failure.callerAbort;
  }
  if (error instanceof BrokenCircuitError) {
    const waitMs = context.breaker.openedAt + context.breaker.halfOpenAfterMs - Date.now();
    log.warn({ event: 'upstream_call', method: context.method, path: context.template, requestId: context.requestId, code: 'upstream_unavailable', breaker: 'open' }, 'upstream call skipped (breaker open)');
    return new AppError('upstream_unavailable', { retryAfter: toSeconds(Math.max(waitMs, 0)), details: transientDetails });
  }
  if (error instanceof BulkheadRejectedError) {
    log.warn({ event: 'upstream_call', method: context.method, path: context.template, requestId: context.requestId, code: 'upstream_unavailable', bulkhead: 'full' }, 'upstream call rejected (too many concurrent calls)');
    return new AppError('upstream_unavailable', { retryAfter: BULKHEAD_RETRY_AFTER_S, details: transientDetails });
  }
  if (error instanceof TaskCancelledError || context.signal.aborted) {
    if (context.callerSignal?.aborted) return context.callerSignal.reason;
    log.warn({ event: 'upstream_call', method: context.method, path: context.template, requestId: context.requestId, code: 'upstream_timeout', deadline: true }, 'upstream call passed its deadline');
    return new AppError('upstream_timeout', { details: transientDetails });
  }
  log.error({ event: 'upstream_unexpected', method: context.method, path: context.template, requestId: context.requestId, err: error }, 'unexpected upstream client failure');
  return new AppError('upstream_error', { cause: error });
}
