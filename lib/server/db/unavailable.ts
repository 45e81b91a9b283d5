/**
 * Whether `error` (or what it wraps: the ORM wraps the driver's error as its `cause`) says
 * the database could not be reached or gave no connection in time, rather than that a
 * statement failed. Such a failure is the database's, not the request's: it answers 503
 * `database_unavailable`, which the client may retry, where a failed statement is a 500.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth += 1) {
    const { message } = current;
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && (CONNECTION_CODES.has(code) || SQLSTATE_UNAVAILABLE.test(code))) return true;
    if (POOL_MESSAGES.some((pattern) => pattern.test(message))) return true;
  }
  return false;
}

/** Node's socket errors while connecting or talking to the server. */
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH']);
/**
 * SQLSTATE class 08 (connection exception), 53300 (too many connections) and 57P01–57P03
 * (the server shutting down, crashed, or not accepting connections yet).
 */
const SQLSTATE_UNAVAILABLE = /^(08[0-9A-Z]{3}|53300|57P0[123])$/;
/** node-postgres's pool and client, which throw plain errors without a code for these. */
const POOL_MESSAGES = [/^timeout exceeded when trying to connect$/, /^Connection terminated/, /^Client has encountered a connection error/];
