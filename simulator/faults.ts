/**
 * Scripted upstream faults (`POST /__sim/faults`), matched per method and path, in the
 * order they were added; each applies to at most `times` requests.
 */
import { randomUUID } from 'node:crypto';
import { ApiError, isPlainObject, pathMatcher } from './http-util';

export type MalformedKind = 'truncated' | 'html' | 'wrong-shape' | 'invalid-json';
const MALFORMED_KINDS: MalformedKind[] = ['truncated', 'html', 'wrong-shape', 'invalid-json'];

export interface FaultSpec {
  method?: string;
  path: string;
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  delayMs?: number;
  hang?: boolean;
  dripBytesPerSec?: number;
  malformed?: MalformedKind;
  hugeBytes?: number;
  retryAfter?: string;
  reset?: boolean;
  applyThenFail?: boolean;
  times?: number;
}

export interface Fault extends FaultSpec {
  id: string;
  createdAt: string;
  matched: number;
  remaining: number | null;
  regex: RegExp;
}

function fieldError(field: string, message: string): ApiError {
  return ApiError.fields({ [field]: [message] });
}

/** Validates an admin fault body; throws a 400 naming the bad field. */
export function parseFault(body: unknown): FaultSpec {
  if (!isPlainObject(body)) throw ApiError.detail(400, 'Expected a JSON object.');
  const spec: FaultSpec = { path: '' };
  if (typeof body.path !== 'string' || body.path.length === 0)
    throw fieldError('path', 'A glob or a regular expression starting with ^ is required.');
  try {
    pathMatcher(body.path);
  } catch {
    throw fieldError('path', 'Invalid regular expression.');
  }
  spec.path = body.path;
  if (body.method !== undefined) {
    if (typeof body.method !== 'string' || !/^[A-Za-z]+$/.test(body.method)) throw fieldError('method', 'Expected an HTTP method.');
    spec.method = body.method.toUpperCase();
  }
  const integer = (field: string, min: number, max: number): number | undefined => {
    const value = body[field];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
      throw fieldError(field, `Expected an integer between ${min} and ${max}.`);
    return value;
  };
  spec.status = integer('status', 200, 599);
  spec.delayMs = integer('delayMs', 0, 600_000);
  spec.hugeBytes = integer('hugeBytes', 1, 1_000_000_000);
  spec.times = integer('times', 1, 1_000_000);
  spec.dripBytesPerSec = integer('dripBytesPerSec', 1, 10_000_000);
  if (body.drip !== undefined) {
    if (body.drip === true) spec.dripBytesPerSec ??= 5;
    else if (typeof body.drip === 'number' && Number.isInteger(body.drip) && body.drip > 0) spec.dripBytesPerSec ??= body.drip;
    else if (body.drip !== false) throw fieldError('drip', 'Expected true or bytes per second.');
  }
  for (const flag of ['hang', 'reset', 'applyThenFail'] as const) {
    const value = body[flag];
    if (value === undefined) continue;
    if (typeof value !== 'boolean') throw fieldError(flag, 'Expected a boolean.');
    spec[flag] = value;
  }
  if (body.malformed !== undefined && body.malformed !== false) {
    const kind = body.malformed === true ? 'invalid-json' : body.malformed;
    if (!MALFORMED_KINDS.includes(kind as MalformedKind)) throw fieldError('malformed', `Expected true or one of ${MALFORMED_KINDS.join(', ')}.`);
    spec.malformed = kind as MalformedKind;
  }
  if (body.retryAfter !== undefined) {
    if (typeof body.retryAfter === 'number' && Number.isInteger(body.retryAfter) && body.retryAfter >= 0) spec.retryAfter = String(body.retryAfter);
    else if (typeof body.retryAfter === 'string' && body.retryAfter.length > 0 && !/[\r\n\0]/.test(body.retryAfter))
      spec.retryAfter = body.retryAfter;
    else throw fieldError('retryAfter', 'Expected seconds or an HTTP date.');
  }
  if (body.headers !== undefined) {
    const valid =
      isPlainObject(body.headers) &&
      Object.entries(body.headers).every(
        ([name, value]) => /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name) && typeof value === 'string' && !/[\r\n\0]/.test(value),
      );
    if (!valid) throw fieldError('headers', 'Expected an object of valid header names and single-line string values.');
    spec.headers = body.headers as Record<string, string>;
  }
  if (body.body !== undefined) spec.body = body.body;
  return spec;
}

/** A fault as the admin API shows it. */
export function publicFault(fault: Fault): Omit<Fault, 'regex'> {
  const copy: Partial<Fault> = { ...fault };
  delete copy.regex;
  return copy as Omit<Fault, 'regex'>;
}

export class FaultRegistry {
  private faults: Fault[] = [];

  add(spec: FaultSpec): Fault {
    const fault: Fault = {
      ...spec,
      id: randomUUID(),
      createdAt: new Date().toISOString(),
      matched: 0,
      remaining: spec.times ?? null,
      regex: pathMatcher(spec.path),
    };
    this.faults.push(fault);
    return fault;
  }

  list(): Array<Omit<Fault, 'regex'>> {
    return this.faults.map(publicFault);
  }

  remove(id: string): boolean {
    const before = this.faults.length;
    this.faults = this.faults.filter((f) => f.id !== id);
    return this.faults.length !== before;
  }

  clear(): void {
    this.faults = [];
  }

  /** The first live fault for this request, consuming one of its `times`. */
  take(method: string, path: string): Fault | undefined {
    const fault = this.faults.find((f) => (!f.method || f.method === method) && f.regex.test(path));
    if (!fault) return undefined;
    fault.matched += 1;
    if (fault.remaining !== null) {
      fault.remaining -= 1;
      if (fault.remaining <= 0) this.faults = this.faults.filter((f) => f !== fault);
    }
    return fault;
  }
}
