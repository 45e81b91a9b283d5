import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Delivery signatures, as the README documents them for receivers:
 * `Field-Review-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`.
 * The timestamp is inside the signed text, so a captured delivery cannot be replayed later
 * with a fresh time; receivers refuse a `t` further than `SIGNATURE_TOLERANCE_SECONDS` away.
 */

export const SIGNATURE_HEADER = 'Field-Review-Signature';
export const EVENT_HEADER = 'Field-Review-Event';
export const DELIVERY_HEADER = 'Field-Review-Delivery';
export const SIGNATURE_TOLERANCE_SECONDS = 300;

export function signatureOf(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

export function signatureHeader(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${signatureOf(secret, timestamp, body)}`;
}

/**
 * What a receiver does (and what the tests do as a receiver): parse the header, check the time
 * is within the tolerance, and compare the HMAC in constant time.
 */
export function verifySignature(secret: string, header: string | null | undefined, body: string, nowSeconds: number): boolean {
  if (!header) return false;
  const parts = new Map(
    header.split(',').map((part) => {
      const at = part.indexOf('=');
      return [part.slice(0, at).trim(), part.slice(at + 1).trim()] as const;
    }),
  );
  const timestamp = Number(parts.get('t'));
  const given = parts.get('v1') ?? '';
  if (!Number.isInteger(timestamp) || Math.abs(nowSeconds - timestamp) > SIGNATURE_TOLERANCE_SECONDS) return false;
  if (!/^[0-9a-f]{64}$/.test(given)) return false;
  return timingSafeEqual(Buffer.from(given, 'hex'), Buffer.from(signatureOf(secret, timestamp, body), 'hex'));
}
