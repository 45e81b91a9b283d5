/** Small HTTP helpers shared by the API, media and admin handlers. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { Readable } from 'node:stream';
import { BodyTooLargeError, readCapped } from '../lib/shared/capped-body';

/** What a handler answers; the server writes it (or a fault breaks it on purpose). */
export interface SimResponse {
  status: number;
  headers?: Record<string, string>;
  /** JSON value, raw bytes, or nothing (204, HEAD). */
  body?: unknown;
  raw?: Buffer;
}

/** An error answered DRF-style: `{"detail": "..."}` or `{"field": ["message"]}`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
    readonly headers: Record<string, string> = {},
  ) {
    super(typeof body.detail === 'string' ? body.detail : `HTTP ${status}`);
  }

  static detail(status: number, detail: string, headers: Record<string, string> = {}): ApiError {
    return new ApiError(status, { detail }, headers);
  }

  static fields(fields: Record<string, unknown>): ApiError {
    return new ApiError(400, fields);
  }

  static notFound(): ApiError {
    return ApiError.detail(404, 'Not found.');
  }
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): SimResponse {
  return { status, body, headers };
}

export { BodyTooLargeError };

/** Reads the whole request body, refusing more than `limit` bytes (the app's own capped reader). */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw new BodyTooLargeError(limit);
  const bytes = await readCapped(Readable.toWeb(req) as ReadableStream<Uint8Array>, limit);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Glob (`*` one segment, `**` anything) or, when it starts with `^`, a regular expression. */
export function pathMatcher(pattern: string): RegExp {
  if (pattern.startsWith('^')) return new RegExp(pattern);
  let source = '';
  for (let i = 0; i < pattern.length; i += 1) {
    const char = pattern[i];
    if (char === '*' && pattern[i + 1] === '*') {
      source += '.*';
      i += 1;
    } else if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

/** A response as it goes on the wire: status, headers (with the length) and the bytes. */
export interface Encoded {
  status: number;
  headers: Record<string, string>;
  payload: Buffer;
}

export function encode(response: SimResponse): Encoded {
  const headers: Record<string, string> = { ...(response.headers ?? {}) };
  let payload: Buffer = Buffer.alloc(0);
  if (response.raw) payload = response.raw;
  else if (response.body !== undefined) {
    payload = Buffer.from(JSON.stringify(response.body));
    if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['Content-Type'] = 'application/json';
  }
  headers['Content-Length'] = String(payload.length);
  return { status: response.status, headers, payload };
}

/** Writes the whole response (the headers only for HEAD). */
export function send(res: ServerResponse, encoded: Encoded, head: boolean): void {
  res.writeHead(encoded.status, encoded.headers);
  res.end(head ? undefined : encoded.payload);
}

/** Drops the connection: a reset where the platform can, else a close. */
export function destroyConnection(req: IncomingMessage): void {
  const socket = req.socket as Socket & { resetAndDestroy?: () => void };
  if (typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
  else socket.destroy();
}
