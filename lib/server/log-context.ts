import 'server-only';
import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What every log line of a unit of work carries without each call site repeating it: the
 * request id of the HTTP request being served, or the name of the background job (index sync,
 * snapshots, start-up) that has no request. The logger adds it to each line; upstream calls
 * send the request id to Deepomatic, so one request can be followed across both systems.
 */
export interface LogContext {
  requestId?: string;
  job?: string;
}

const globalForContext = globalThis as typeof globalThis & { __fieldReviewLogContext?: AsyncLocalStorage<LogContext> };

// One store per process, so dev reloads and duplicated module instances see the same context.
const storage = (globalForContext.__fieldReviewLogContext ??= new AsyncLocalStorage<LogContext>());

/** Runs `fn` with `context` added to the current one (an inner request id or job wins). */
export function withLogContext<T>(context: LogContext, fn: () => T): T {
  return storage.run({ ...storage.getStore(), ...context }, fn);
}

/** The fields of the unit of work running now; empty outside of one. */
export function currentLogContext(): LogContext {
  return storage.getStore() ?? {};
}
