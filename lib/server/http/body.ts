import 'server-only';
import { BodyTooLargeError, readCapped } from '@/lib/shared/capped-body';
import { findUnstorableText } from '@/lib/shared/storable-text';
import { AppError } from './errors';

/** Default cap on a JSON request body: far above any form of ours, far below a memory problem. */
export const DEFAULT_MAX_BODY_BYTES = 128 * 1024;

/** Keys that could reach `Object.prototype` when a parsed body is later merged or spread. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor']);

/**
 * True when the request declares a JSON body: `application/json`, optionally with
 * `charset=utf-8`. Forms cannot send this type, and a cross-site fetch with it needs a
 * CORS preflight we never grant — half of the CSRF defence.
 */
export function isJsonContentType(contentType: string | null): boolean {
  if (!contentType) return false;
  const [type, ...params] = contentType.split(';').map((part) => part.trim().toLowerCase());
  if (type !== 'application/json') return false;
  return params.every((param) => {
    const [name, value] = param.split('=').map((s) => s.trim());
    return name !== 'charset' || value === 'utf-8' || value === '"utf-8"' || value === 'utf8';
  });
}

/** True when the request carries (or may carry) a body at all. */
export function hasBody(request: Request): boolean {
  const length = request.headers.get('content-length');
  if (length !== null) return Number(length) > 0 || Number.isNaN(Number(length));
  return request.headers.has('transfer-encoding') || request.headers.has('content-type');
}

/**
 * Reads the request body as JSON, counting bytes as they arrive so that a chunked body
 * without `Content-Length` (or one that lies about it) is cut off at `maxBytes` rather than
 * buffered whole. Rejects invalid UTF-8, invalid JSON, prototype-pollution keys
 * (`__proto__`, `constructor`) and text PostgreSQL cannot store (see `parseJson`) at any
 * depth with 400 `invalid_body`.
 */
export async function readJsonBody(request: Request, maxBytes = DEFAULT_MAX_BODY_BYTES): Promise<unknown> {
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > maxBytes) throw new AppError('payload_too_large');

  const bytes = await readBytes(request, maxBytes);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch (cause) {
    throw new AppError('invalid_body', { cause });
  }
  if (text.trim() === '') throw new AppError('invalid_body');
  return parseJson(text);
}

/**
 * `JSON.parse` that refuses prototype-pollution keys, and a lone UTF-16 surrogate (`"\ud800"`)
 * or a NUL (`"\u0000"`) in any string or key: valid JSON, but neither can be stored in
 * PostgreSQL, so a write carrying one would reach the upstream and then fail to be audited.
 * Every failure is 400 `invalid_body`; an unstorable text names its top-level field.
 */
export function parseJson(text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text, (key, item: unknown) => {
      if (FORBIDDEN_KEYS.has(key)) throw new ForbiddenKeyError();
      return item;
    });
  } catch (cause) {
    throw new AppError('invalid_body', { cause });
  }
  const unstorable = findUnstorableText(value);
  if (unstorable) {
    throw new AppError('invalid_body', { fields: { [unstorable.field === null ? '_' : String(unstorable.field)]: 'invalid_characters' } });
  }
  return value;
}

class ForbiddenKeyError extends Error {
  constructor() {
    super('forbidden key in JSON body');
  }
}

async function readBytes(request: Request, maxBytes: number): Promise<Uint8Array> {
  if (request.bodyUsed) throw new AppError('invalid_body');
  try {
    return await readCapped(request.body, maxBytes);
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw new AppError('payload_too_large');
    // The client went away or the stream broke mid-body.
    throw new AppError('invalid_body', { cause: error });
  }
}
