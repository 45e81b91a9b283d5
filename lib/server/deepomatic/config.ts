import 'server-only';
import { registerSecret } from '@/lib/server/logger';

/**
 * Deepomatic client configuration, read from the environment on use (never at import), so
 * the app builds and starts without it and a missing value fails the first upstream call
 * with a clear message. This is the only module that reads the API key.
 */

/** Languages the upstream documents for its conformity messages (`Accept-Language` on analyze). */
export const UPSTREAM_LANGUAGES = ['en', 'fr', 'de', 'es'] as const;
export type UpstreamLanguage = (typeof UPSTREAM_LANGUAGES)[number];

export interface CallBudget {
  /** Limit for one attempt: headers and body. */
  attemptTimeoutMs: number;
  /** Limit for the whole call: every attempt, backoff and queueing. */
  deadlineMs: number;
  /** Total attempts (1 = no retry). */
  attempts: number;
}

export interface DeepomaticConfig {
  /** Base URL, always ending with `/v0.2/`. */
  baseUrl: URL;
  apiKey: string;
  budgets: {
    /** GET: retried with full-jitter backoff. */
    read: CallBudget;
    /** PATCH/PUT/POST/DELETE, including corrections: retried only when nothing was sent. */
    write: CallBudget;
    /** Synchronous analysis (model inference takes seconds). */
    analyze: CallBudget;
  };
  retry: { baseDelayMs: number; maxDelayMs: number };
  maxResponseBytes: number;
  breaker: { threshold: number; halfOpenAfterMs: number };
  bulkhead: { concurrency: number; queue: number; backgroundConcurrency: number; backgroundQueue: number };
  userAgent: string;
}

export class DeepomaticConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeepomaticConfigError';
  }
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
// A header value must be visible ASCII: anything else would make `fetch` throw an error
// whose message quotes the value, i.e. the key.
const API_KEY_PATTERN = /^[\x21-\x7e]{8,512}$/;

function env(name: string): string | undefined {
  const value = process.env[name]?.trim();
  return value ? value : undefined;
}

function intFromEnv(name: string, fallback: number, min: number, max: number): number {
  const raw = env(name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new DeepomaticConfigError(`${name} must be an integer between ${min} and ${max}.`);
  }
  return value;
}

/** Parses and normalises a base URL: http(s), no credentials/query/fragment, ends with `/v0.2/`. */
export function parseBaseUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new DeepomaticConfigError('DEEPOMATIC_API_URL is not a valid URL.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new DeepomaticConfigError('DEEPOMATIC_API_URL must use https (or http on loopback).');
  }
  if (url.protocol === 'http:' && !LOOPBACK_HOSTS.has(url.hostname) && env('DEEPOMATIC_ALLOW_INSECURE') !== '1') {
    throw new DeepomaticConfigError('DEEPOMATIC_API_URL uses plain http on a non-loopback host; use https or set DEEPOMATIC_ALLOW_INSECURE=1.');
  }
  if (url.username || url.password) {
    throw new DeepomaticConfigError('DEEPOMATIC_API_URL must not contain credentials; use DEEPOMATIC_API_KEY.');
  }
  if (url.search || url.hash) {
    throw new DeepomaticConfigError('DEEPOMATIC_API_URL must not contain a query string or fragment.');
  }
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  if (!url.pathname.endsWith('/v0.2/')) {
    throw new DeepomaticConfigError('DEEPOMATIC_API_URL must end with /v0.2/ (for example https://api.<site>.customers.deepomatic.com/v0.2/).');
  }
  return url;
}

/** Reads the configuration; throws `DeepomaticConfigError` (never containing the key). */
export function getDeepomaticConfig(): DeepomaticConfig {
  const rawUrl = env('DEEPOMATIC_API_URL');
  if (!rawUrl) throw new DeepomaticConfigError('DEEPOMATIC_API_URL is not set.');
  const baseUrl = parseBaseUrl(rawUrl);

  const apiKey = env('DEEPOMATIC_API_KEY');
  if (!apiKey) throw new DeepomaticConfigError('DEEPOMATIC_API_KEY is not set.');
  if (!API_KEY_PATTERN.test(apiKey)) {
    throw new DeepomaticConfigError('DEEPOMATIC_API_KEY must be 8 to 512 visible ASCII characters without spaces.');
  }
  registerSecret(apiKey);

  const readTimeout = intFromEnv('DEEPOMATIC_TIMEOUT_MS', 5_000, 1, 600_000);
  const writeTimeout = intFromEnv('DEEPOMATIC_WRITE_TIMEOUT_MS', 10_000, 1, 600_000);
  const analyzeTimeout = intFromEnv('DEEPOMATIC_ANALYZE_TIMEOUT_MS', 60_000, 1, 600_000);

  return {
    baseUrl,
    apiKey,
    budgets: {
      read: {
        attemptTimeoutMs: readTimeout,
        deadlineMs: intFromEnv('DEEPOMATIC_DEADLINE_MS', 12_000, 1, 600_000),
        attempts: intFromEnv('DEEPOMATIC_READ_ATTEMPTS', 3, 1, 10),
      },
      write: {
        attemptTimeoutMs: writeTimeout,
        deadlineMs: intFromEnv('DEEPOMATIC_WRITE_DEADLINE_MS', 20_000, 1, 600_000),
        // Only failures that prove the request never left (connection refused, unknown host)
        // are retried, so one extra attempt is enough.
        attempts: 2,
      },
      analyze: {
        attemptTimeoutMs: analyzeTimeout,
        deadlineMs: intFromEnv('DEEPOMATIC_ANALYZE_DEADLINE_MS', analyzeTimeout, 1, 600_000),
        attempts: 2,
      },
    },
    retry: {
      baseDelayMs: intFromEnv('DEEPOMATIC_RETRY_BASE_MS', 200, 0, 60_000),
      maxDelayMs: intFromEnv('DEEPOMATIC_RETRY_MAX_DELAY_MS', 2_000, 0, 60_000),
    },
    maxResponseBytes: intFromEnv('DEEPOMATIC_MAX_RESPONSE_BYTES', 8 * 1024 * 1024, 1_024, 256 * 1024 * 1024),
    breaker: {
      threshold: intFromEnv('DEEPOMATIC_BREAKER_THRESHOLD', 5, 1, 1_000),
      halfOpenAfterMs: intFromEnv('DEEPOMATIC_BREAKER_HALF_OPEN_MS', 20_000, 1, 3_600_000),
    },
    bulkhead: {
      concurrency: intFromEnv('DEEPOMATIC_MAX_CONCURRENCY', 10, 1, 1_000),
      queue: intFromEnv('DEEPOMATIC_MAX_QUEUE', 200, 0, 10_000),
      backgroundConcurrency: intFromEnv('DEEPOMATIC_BACKGROUND_CONCURRENCY', 4, 1, 1_000),
      backgroundQueue: intFromEnv('DEEPOMATIC_BACKGROUND_QUEUE', 1_000, 0, 100_000),
    },
    userAgent: 'FieldReview/0.1 (+https://github.com/field-review)',
  };
}
