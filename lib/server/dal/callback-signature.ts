import 'server-only';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { authSecret } from '@/lib/server/auth/secret';

/**
 * The analysis callback is the one route the upstream calls without a session, so its URL
 * carries its own proof: `sig = HMAC-SHA256(secret, "analysis-callback:" + analysisId)`.
 * Secret: `ANALYSIS_CALLBACK_SECRET`, else derived from the session secret (so a deployment
 * that rotates one rotates both).
 */
function callbackSecret(): string {
  const explicit = process.env.ANALYSIS_CALLBACK_SECRET;
  if (explicit && explicit.length >= 16) return explicit;
  return createHmac('sha256', authSecret()).update('field-review:analysis-callback').digest('base64url');
}

export function signAnalysisId(analysisId: string, secret = callbackSecret()): string {
  return createHmac('sha256', secret).update(`analysis-callback:${analysisId}`).digest('base64url');
}

/** Constant-time check of a `sig` query value. */
export function verifyAnalysisSignature(analysisId: string, signature: string | null, secret = callbackSecret()): boolean {
  if (typeof signature !== 'string' || !/^[A-Za-z0-9_-]{43}$/.test(signature)) return false;
  const expected = Buffer.from(signAnalysisId(analysisId, secret));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** Where the upstream must POST the result: our public origin (or an override reachable from it). */
export function analysisCallbackUrl(analysisId: string, origin: string): string {
  const url = new URL(`/api/callbacks/analysis/${encodeURIComponent(analysisId)}`, origin);
  url.searchParams.set('sig', signAnalysisId(analysisId));
  return url.toString();
}
