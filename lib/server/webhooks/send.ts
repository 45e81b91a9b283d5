import 'server-only';
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, signatureHeader } from './signature';
import { guardedLookup, isBlockedAddress, urlProblem } from './url-rules';

/** How long one delivery may take, connection to last byte; then it counts as failed. */
export const DELIVERY_TIMEOUT_MS = 10_000;
/** The receiver's answer is read up to this many bytes (its status is what counts). */
const MAX_ANSWER_BYTES = 4_096;

export interface SendRequest {
  url: string;
  secret: string;
  eventType: string;
  deliveryId: string;
  body: string;
  now: Date;
  timeoutMs?: number;
}

export type SendResult = { ok: boolean; statusCode: number | null; error: string | null; durationMs: number };

/**
 * One POST of a signed delivery. 2xx = delivered. A redirect is not followed (its 3xx is a
 * failure: following it would let a receiver send us anywhere, past the URL rules). Uses
 * node's http client rather than `fetch` for its `lookup` hook, which checks the address
 * actually connected to (`guardedLookup`). Never throws.
 */
export function sendDelivery(request: SendRequest): Promise<SendResult> {
  const started = performance.now();
  const done = (ok: boolean, statusCode: number | null, error: string | null): SendResult => ({
    ok,
    statusCode,
    error,
    durationMs: Math.round(performance.now() - started),
  });
  const problem = urlProblem(request.url);
  if (problem) return Promise.resolve(done(false, null, problem));
  const url = new URL(request.url);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  // An IP literal is connected to without a lookup: check it here.
  if (isIP(host) !== 0 && isBlockedAddress(host)) return Promise.resolve(done(false, null, 'urlPrivateAddress'));
  const timestamp = Math.floor(request.now.getTime() / 1000);
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    const outgoing = client.request(
      url,
      {
        method: 'POST',
        lookup: guardedLookup as never,
        signal: AbortSignal.timeout(request.timeoutMs ?? DELIVERY_TIMEOUT_MS),
        headers: {
          'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(request.body),
          'User-Agent': 'Field-Review-Webhooks/1',
          [SIGNATURE_HEADER]: signatureHeader(request.secret, timestamp, request.body),
          [EVENT_HEADER]: request.eventType,
          [DELIVERY_HEADER]: request.deliveryId,
        },
      },
      (answer) => {
        const status = answer.statusCode ?? null;
        let read = 0;
        answer.on('data', (chunk: Buffer) => {
          read += chunk.length;
          if (read > MAX_ANSWER_BYTES) answer.destroy();
        });
        const finish = () =>
          resolve(
            done(
              status !== null && status >= 200 && status < 300,
              status,
              status !== null && status >= 200 && status < 300 ? null : `http_${status}`,
            ),
          );
        answer.on('end', finish);
        answer.on('close', finish);
        answer.on('error', finish);
      },
    );
    outgoing.on('error', (error: NodeJS.ErrnoException) => {
      const code = error.name === 'AbortError' || error.name === 'TimeoutError' ? 'timeout' : (error.code ?? 'network_error');
      resolve(done(false, null, code === 'EADDRBLOCKED' ? 'urlPrivateAddress' : code));
    });
    outgoing.end(request.body);
  });
}
