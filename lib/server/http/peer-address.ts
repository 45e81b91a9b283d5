import 'server-only';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';

/**
 * The address of the TCP peer of a request, as route handlers and next-auth callbacks can read it.
 *
 * Under `next start` a route handler gets a Web `Request`: the socket is gone. Next.js fills
 * `x-forwarded-for` with the socket's address only when the client sent none (`??=`), so that
 * header is whatever the client chose. To learn who is really on the other end of the
 * connection, the Node server stamps each request, as it arrives, with a header of its own whose
 * value starts with a key drawn at random when the process starts: a client cannot forge the
 * stamp without the key, and a request that did not go through the stamp (one queued while the
 * server was still starting, or a test calling a handler directly) has no peer address at all.
 */
export const PEER_HEADER = 'x-field-review-peer';

const KEY = Symbol.for('field-review.peer-stamp-key');
const INSTALLED = Symbol.for('field-review.peer-stamp-installed');
type StampGlobals = typeof globalThis & { [KEY]?: string; [INSTALLED]?: boolean };

/**
 * The key of this process (shared through `globalThis`: instrumentation and route handlers are
 * separate bundles in one process).
 */
export function peerStampKey(): string {
  const store = globalThis as StampGlobals;
  store[KEY] ??= randomBytes(18).toString('base64url');
  return store[KEY];
}

/** Writes the stamp over whatever the client sent under that name. */
export function stampPeer(req: IncomingMessage, key = peerStampKey()): void {
  req.headers[PEER_HEADER] = `${key} ${req.socket?.remoteAddress ?? ''}`;
}

/**
 * Stamps every request every Node HTTP(S) server of this process receives, before its own
 * listener runs. Called once from `instrumentation.ts`, before the first request is handled.
 */
export function installPeerStamp(): void {
  const store = globalThis as StampGlobals;
  if (store[INSTALLED]) return;
  store[INSTALLED] = true;
  const key = peerStampKey();
  for (const prototype of [http.Server.prototype, https.Server.prototype] as Array<{
    emit: (event: string | symbol, ...args: unknown[]) => boolean;
  }>) {
    const emit = prototype.emit;
    prototype.emit = function stampingEmit(this: unknown, event: string | symbol, ...args: unknown[]) {
      if (event === 'request') stampPeer(args[0] as IncomingMessage, key);
      return emit.call(this, event, ...args);
    };
  }
}

type HeaderSource = Record<string, string | string[] | undefined> | Headers | undefined;

export function headerValue(headers: HeaderSource, name: string): string | undefined {
  if (!headers) return undefined;
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

/**
 * An IP address in one spelling, so one client counts as one: lower case, IPv4-mapped IPv6
 * (`::ffff:192.0.2.1`, what a dual-stack socket reports) as plain IPv4. Null for anything that
 * is not an address.
 */
export function normalizeIp(raw: string | undefined | null): string | null {
  const value = raw?.trim().toLowerCase();
  if (!value) return null;
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(value);
  const address = mapped ? mapped[1] : value;
  return isIP(address) ? address : null;
}

/** The stamped peer address, or null when the request carries no valid stamp. */
export function peerAddress(headers: HeaderSource, key = peerStampKey()): string | null {
  const stamp = headerValue(headers, PEER_HEADER);
  if (!stamp) return null;
  const space = stamp.indexOf(' ');
  if (space < 0 || !sameKey(stamp.slice(0, space), key)) return null;
  return normalizeIp(stamp.slice(space + 1));
}

function sameKey(given: string, key: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(key);
  return a.length === b.length && timingSafeEqual(a, b);
}
