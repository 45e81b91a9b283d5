import 'server-only';
import { and, count, eq, gt, lt, max, min } from 'drizzle-orm';
import type { Db } from '@/lib/server/db/client';
import { signInAttempts } from '@/lib/server/db/schema';
import { throttleSettings } from './config';

export type ThrottleDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Refuses a credentials sign-in when the account or the client address has too many recent
 * failures, against password guessing and credential stuffing. Per account, failures before
 * the account's last success do not count, so a user who finally gets it right starts afresh;
 * per address, every failure in the window counts. Stored in the database so every instance
 * sees the same numbers.
 */
export async function checkSignInThrottle(db: Db, email: string, ip: string | null, now = new Date()): Promise<ThrottleDecision> {
  const { windowSeconds, maxFailuresPerAccount, maxFailuresPerIp } = throttleSettings();
  const windowStart = new Date(now.getTime() - windowSeconds * 1000);

  const [lastSuccess] = await db
    .select({ at: max(signInAttempts.at) })
    .from(signInAttempts)
    .where(and(eq(signInAttempts.email, email), eq(signInAttempts.succeeded, true), gt(signInAttempts.at, windowStart)));
  const accountSince = lastSuccess?.at && lastSuccess.at > windowStart ? lastSuccess.at : windowStart;

  const retryAfter = (oldest: Date | null) =>
    Math.max(1, Math.ceil((new Date(oldest ?? now).getTime() + windowSeconds * 1000 - now.getTime()) / 1000));

  const [account] = await db
    .select({ failures: count(), oldest: min(signInAttempts.at) })
    .from(signInAttempts)
    .where(and(eq(signInAttempts.email, email), eq(signInAttempts.succeeded, false), gt(signInAttempts.at, accountSince)));
  if (account.failures >= maxFailuresPerAccount) {
    return { allowed: false, retryAfterSeconds: retryAfter(account.oldest) };
  }

  if (ip) {
    const [address] = await db
      .select({ failures: count(), oldest: min(signInAttempts.at) })
      .from(signInAttempts)
      .where(and(eq(signInAttempts.ip, ip), eq(signInAttempts.succeeded, false), gt(signInAttempts.at, windowStart)));
    if (address.failures >= maxFailuresPerIp) {
      return { allowed: false, retryAfterSeconds: retryAfter(address.oldest) };
    }
  }
  return { allowed: true };
}

export async function recordSignInAttempt(
  db: Db,
  attempt: { email: string; ip: string | null; succeeded: boolean },
  now = new Date(),
): Promise<void> {
  await db.insert(signInAttempts).values({ ...attempt, at: now });
  // Keep the table small: nothing older than the window matters. Cheap with the indexes.
  if (Math.random() < 0.05) {
    const { windowSeconds } = throttleSettings();
    await db.delete(signInAttempts).where(lt(signInAttempts.at, new Date(now.getTime() - 2 * windowSeconds * 1000)));
  }
}

/**
 * The client address for throttling and audit. Next.js sets `x-forwarded-for` from the socket
 * when the client sent none; a reverse proxy appends the address it saw, so the last entry is
 * the one the nearest trusted hop vouches for. Behind a proxy, configure it to overwrite (not
 * append to) a client-supplied `X-Forwarded-For`.
 */
export function clientIp(headers: Record<string, string | string[] | undefined> | Headers | undefined): string | null {
  if (!headers) return null;
  const get = (name: string): string | undefined => {
    if (headers instanceof Headers) return headers.get(name) ?? undefined;
    const value = headers[name];
    return Array.isArray(value) ? value.join(',') : value;
  };
  const forwarded = get('x-forwarded-for');
  const last = forwarded
    ?.split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .pop();
  const ip = last || get('x-real-ip')?.trim();
  return ip ? ip.slice(0, 64) : null;
}
