/**
 * How a request answers when a scripted fault matches it (see `faults.ts`): late, never, cut,
 * slowly, too big, malformed, with an error status, or after applying the change anyway.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Fault } from './faults';
import { destroyConnection, encode, json, send, sleep, type Encoded, type SimResponse } from './http-util';

/** Writes the body a few bytes at a time (a fifth of the rate every 200 ms). */
function drip(res: ServerResponse, encoded: Encoded, bytesPerSecond: number, timers: Set<NodeJS.Timeout>): void {
  res.writeHead(encoded.status, encoded.headers);
  const perTick = Math.max(1, Math.round(bytesPerSecond / 5));
  let offset = 0;
  const timer = setInterval(() => {
    if (res.destroyed || offset >= encoded.payload.length) {
      clearInterval(timer);
      timers.delete(timer);
      if (!res.destroyed) res.end();
      return;
    }
    res.write(encoded.payload.subarray(offset, offset + perTick));
    offset += perTick;
  }, 200);
  timers.add(timer);
}

/** A valid JSON object of about `bytes` bytes, streamed without holding it in memory. */
async function huge(res: ServerResponse, bytes: number): Promise<void> {
  const prefix = '{"padding":"';
  const suffix = '"}';
  const fill = Math.max(0, bytes - prefix.length - suffix.length);
  res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(prefix.length + fill + suffix.length) });
  res.write(prefix);
  const block = Buffer.alloc(64 * 1024, 'x');
  let left = fill;
  while (left > 0 && !res.destroyed) {
    const chunk = left >= block.length ? block : block.subarray(0, left);
    left -= chunk.length;
    if (!res.write(chunk))
      await new Promise<void>((resolve) => {
        const done = () => {
          res.off('drain', done);
          res.off('close', done);
          resolve();
        };
        res.on('drain', done);
        res.on('close', done);
      });
  }
  if (!res.destroyed) res.end(suffix);
}

/**
 * Answers `req` as `fault` says. `produce` runs the real handler, when the fault lets the
 * request through (or applies it before failing). Returns the status sent, or null when
 * nothing was (the connection dropped or left hanging). `timers` holds the slow writes, so
 * closing the simulator can stop them.
 */
export async function answerWithFault(
  req: IncomingMessage,
  res: ServerResponse,
  fault: Fault,
  head: boolean,
  produce: () => Promise<SimResponse>,
  timers: Set<NodeJS.Timeout>,
): Promise<number | null> {
  if (fault.delayMs) await sleep(fault.delayMs);
  const replaces =
    fault.status !== undefined ||
    fault.retryAfter !== undefined ||
    fault.hugeBytes !== undefined ||
    (fault.malformed !== undefined && fault.malformed !== 'truncated');
  const runsHandler = fault.applyThenFail === true || (!fault.reset && !fault.hang && !replaces);
  let response = runsHandler ? await produce() : null;
  if (fault.reset) {
    destroyConnection(req);
    return null;
  }
  if (fault.hang) return null; // never answered; closed by the client or at shutdown
  if (fault.hugeBytes !== undefined) {
    await huge(res, fault.hugeBytes);
    return 200;
  }
  const failStatus =
    fault.status ?? (fault.retryAfter !== undefined ? 429 : fault.applyThenFail && !fault.malformed && !fault.dripBytesPerSec ? 500 : undefined);
  if (failStatus !== undefined) {
    const detail = failStatus === 429 ? 'Request was throttled.' : failStatus >= 500 ? 'A server error occurred.' : 'Simulated fault.';
    const headers: Record<string, string> = {};
    let raw: Buffer | undefined;
    let jsonBody: unknown = { detail };
    if (typeof fault.body === 'string') {
      raw = Buffer.from(fault.body);
      headers['Content-Type'] = 'text/plain';
    } else if (fault.body !== undefined) jsonBody = fault.body;
    response = { status: failStatus, headers, body: raw ? undefined : jsonBody, raw };
  }
  if (fault.malformed === 'html')
    response = {
      status: response?.status ?? 200,
      headers: { 'Content-Type': 'text/html' },
      raw: Buffer.from('<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1><p>nginx</p></body></html>'),
    };
  else if (fault.malformed === 'wrong-shape')
    response = { status: response?.status ?? 200, body: { unexpected: true, results: 'not-a-list', id: 42 } };
  else if (fault.malformed === 'invalid-json')
    response = { status: response?.status ?? 200, headers: { 'Content-Type': 'application/json' }, raw: Buffer.from('{"id": "6c1f0a52", "name": ') };
  const encoded = encode(response ?? json(200, {}));
  if (fault.retryAfter !== undefined) encoded.headers['Retry-After'] = fault.retryAfter;
  Object.assign(encoded.headers, fault.headers ?? {});
  if (fault.malformed === 'truncated') {
    res.writeHead(encoded.status, encoded.headers);
    res.write(encoded.payload.subarray(0, Math.max(1, Math.floor(encoded.payload.length / 2))));
    setImmediate(() => destroyConnection(req));
    return encoded.status;
  }
  if (fault.dripBytesPerSec) {
    drip(res, encoded, fault.dripBytesPerSec, timers);
    return encoded.status;
  }
  send(res, encoded, head);
  return encoded.status;
}
