import 'server-only';
import pino, { type DestinationStream, type Logger } from 'pino';
import { currentLogContext } from './log-context';

/**
 * The server's structured logger (one JSON line per event, UTC timestamps).
 *
 * Secrets never reach the output, whatever a caller passes in: keys that name a credential
 * are replaced at every depth, and every string is scrubbed of the values registered with
 * `registerSecret` (the Deepomatic API key registers itself), so a secret echoed inside an
 * error message or a nested object is caught too.
 */

const REDACTED = '[REDACTED]';
const SECRET_KEY =
  /^(authorization|proxy-authorization|cookie|set-cookie|x-api-key|api[-_]?key|key|token|access[-_]?token|refresh[-_]?token|id[-_]?token|password|secret|client[-_]?secret)$/i;
const MAX_DEPTH = 8;
const MIN_SECRET_LENGTH = 8;

const secrets = new Set<string>();

/** Makes the logger replace `value` wherever it appears in a logged string. */
export function registerSecret(value: string | undefined): void {
  if (value && value.length >= MIN_SECRET_LENGTH) secrets.add(value);
}

function scrubString(value: string): string {
  let out = value;
  for (const secret of secrets) {
    if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  }
  return out;
}

/** Deep copy of `value` with credential-named keys redacted and secrets scrubbed from strings. */
export function redactForLog(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return scrubString(value);
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[Circular]';
  if (depth >= MAX_DEPTH) return '[Truncated]';
  seen.add(value);
  if (value instanceof Error) {
    const out: Record<string, unknown> = { type: value.name, message: scrubString(value.message) };
    if (value.stack) out.stack = scrubString(value.stack);
    const code = (value as { code?: unknown }).code;
    if (code !== undefined) out.code = redactForLog(code, depth + 1, seen);
    if (value.cause !== undefined) out.cause = redactForLog(value.cause, depth + 1, seen);
    return out;
  }
  if (Array.isArray(value)) return value.map((item) => redactForLog(item, depth + 1, seen));
  if (value instanceof Headers) {
    return redactForLog(Object.fromEntries(value.entries()), depth + 1, seen);
  }
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = SECRET_KEY.test(key) ? REDACTED : redactForLog(item, depth + 1, seen);
  }
  return out;
}

function defaultLevel(): string {
  // Test runs stay quiet unless asked (tests that assert on logs build their own logger).
  return process.env.LOG_LEVEL ?? (process.env.VITEST ? 'silent' : 'info');
}

/** Builds a logger; tests pass their own destination to capture the output. */
export function createLogger(destination?: DestinationStream, level = defaultLevel()): Logger {
  return pino(
    {
      level,
      base: { service: 'field-review' },
      timestamp: pino.stdTimeFunctions.isoTime,
      // The request id or job of the work in progress, on every line (fields a call passes win).
      mixin: () => ({ ...currentLogContext() }),
      // First line of defence, cheap: the usual places a credential sits.
      redact: {
        paths: [
          'authorization',
          'cookie',
          'key',
          'apiKey',
          '*.authorization',
          '*.cookie',
          '*["set-cookie"]',
          '*.key',
          '*.apiKey',
          '*.*.authorization',
          '*.*.cookie',
          '*.*["set-cookie"]',
        ],
        censor: REDACTED,
      },
      // Second line, exhaustive: every key at every depth, and every registered secret.
      formatters: {
        log: (object) => redactForLog(object) as Record<string, unknown>,
      },
      serializers: {
        err: (error: unknown) => redactForLog(error),
        error: (error: unknown) => redactForLog(error),
      },
    },
    destination,
  );
}

const globalForLogger = globalThis as typeof globalThis & { __fieldReviewLogger?: Logger };

/** The process-wide logger (held on `globalThis` so dev reloads reuse it). */
export const logger: Logger = (globalForLogger.__fieldReviewLogger ??= createLogger());
