import 'server-only';
import { and, count, eq, gt, isNull, lt, max, min, or, type SQL } from 'drizzle-orm';
import type { Db } from '@/lib/server/db/client';
import { signInAttempts } from '@/lib/server/db/schema';
import { throttleSettings } from './config';

/** How far back failures on an account count towards its backoff. */
export const ACCOUNT_MEMORY_SECONDS = 24 * 3600;
/** How long an address that signed in to an account stays known for it. */
export const KNOWN_ADDRESS_MEMORY_SECONDS = 30 * 24 * 3600;

export type ThrottleReason = 'address' | 'account_address' | 'account_backoff';
export type ThrottleDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number; reason: ThrottleReason };

type Settings = ReturnType<typeof throttleSettings>;

/**
 * The wait the account backoff imposes after its last failure, once an account has `failures`
 * failures in the last 24 h: nothing below `accountBackoffAfter`, then 1 s, doubling with each
 * failure, up to `accountBackoffMaxSeconds`.
 */
export function accountBackoffSeconds(failures: number, settings: Settings = throttleSettings()): number {
  if (failures < settings.accountBackoffAfter) return 0;
  const exponent = Math.min(failures - settings.accountBackoffAfter, 30);
  return Math.min(settings.accountBackoffMaxSeconds, 2 ** exponent);
}

/** `ip = $ip`, or `ip is null` for an attempt whose address is unknown. */
export function sameAddress(ip: string | null): SQL {
  return ip ? eq(signInAttempts.ip, ip) : isNull(signInAttempts.ip);
}

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/**
 * Decides whether a credentials sign-in for `email` from `ip` may be checked at all, before the
 * password is looked at (the answer must not depend on it: that would tell a guesser which
 * guess was right). Three rules, each with a `Retry-After`:
 *
 * 1. Per address: `maxFailuresPerIp` failures from the address in the window, every account
 *    together (credential stuffing from one place).
 * 2. Per (account, address): `maxFailuresPerAccountAndIp` failures on the account from that
 *    address in the window, after the last success of that same pair (the user's own typos, or
 *    a guesser at one place). Other addresses are untouched, so a guesser cannot lock the real
 *    user out from where they sign in.
 * 3. Account backoff: with `n` ≥ `accountBackoffAfter` failures on the account from every
 *    address in the last 24 h, an attempt waits `accountBackoffSeconds(n)` (1 s doubling to
 *    `accountBackoffMaxSeconds`) after the account's last failure. It delays, never locks.
 *    Exempt: an address with no failure on the account since its own last success there
 *    (a clean address), unless `n` ≥ `accountBackoffForAllAfter`; even then, a clean address
 *    that signed in to this account in the last 30 days stays exempt. So the real user, from
 *    where they usually sign in, gets in with the right password during a distributed attack,
 *    while a guesser rotating addresses gets `accountBackoffForAllAfter` quick guesses a day,
 *    then one per `accountBackoffMaxSeconds`.
 *
 * A refused attempt is not recorded, so being refused does not prolong the refusal.
 */
export async function checkSignInThrottle(db: Db, email: string, ip: string | null, now = new Date()): Promise<ThrottleDecision> {
  const settings = throttleSettings();
  const windowMs = settings.windowSeconds * 1000;
  const windowStart = new Date(now.getTime() - windowMs);
  const failed = eq(signInAttempts.succeeded, false);
  const succeeded = eq(signInAttempts.succeeded, true);

  if (ip) {
    const [address] = await db
      .select({ failures: count(), oldest: min(signInAttempts.at) })
      .from(signInAttempts)
      .where(and(eq(signInAttempts.ip, ip), failed, gt(signInAttempts.at, windowStart)));
    if (address.failures >= settings.maxFailuresPerIp) {
      return { allowed: false, reason: 'address', retryAfterSeconds: seconds(new Date(address.oldest ?? now).getTime() + windowMs - now.getTime()) };
    }
  }

  const pair = and(eq(signInAttempts.email, email), sameAddress(ip));
  const [pairSuccess] = await db
    .select({ at: max(signInAttempts.at) })
    .from(signInAttempts)
    .where(and(pair, succeeded, gt(signInAttempts.at, new Date(now.getTime() - KNOWN_ADDRESS_MEMORY_SECONDS * 1000))));
  const pairSuccessAt = pairSuccess?.at ? new Date(pairSuccess.at) : null;
  const pairSince = (since: Date) => (pairSuccessAt && pairSuccessAt > since ? pairSuccessAt : since);

  const [pairWindow] = await db
    .select({ failures: count(), oldest: min(signInAttempts.at) })
    .from(signInAttempts)
    .where(and(pair, failed, gt(signInAttempts.at, pairSince(windowStart))));
  if (pairWindow.failures >= settings.maxFailuresPerAccountAndIp) {
    return {
      allowed: false,
      reason: 'account_address',
      retryAfterSeconds: seconds(new Date(pairWindow.oldest ?? now).getTime() + windowMs - now.getTime()),
    };
  }

  const memoryStart = new Date(now.getTime() - ACCOUNT_MEMORY_SECONDS * 1000);
  const [account] = await db
    .select({ failures: count(), last: max(signInAttempts.at) })
    .from(signInAttempts)
    .where(and(eq(signInAttempts.email, email), failed, gt(signInAttempts.at, memoryStart)));
  const wait = accountBackoffSeconds(account.failures, settings);
  if (wait === 0 || !account.last) return { allowed: true };
  const remainingMs = new Date(account.last).getTime() + wait * 1000 - now.getTime();
  if (remainingMs <= 0) return { allowed: true };

  const [pairRecent] = await db
    .select({ failures: count() })
    .from(signInAttempts)
    .where(and(pair, failed, gt(signInAttempts.at, pairSince(memoryStart))));
  const clean = pairRecent.failures === 0;
  const known = pairSuccessAt !== null;
  if (clean && (account.failures < settings.accountBackoffForAllAfter || known)) return { allowed: true };
  return { allowed: false, reason: 'account_backoff', retryAfterSeconds: seconds(remainingMs) };
}

/**
 * Records an attempt before its password is checked, as a failure: concurrent attempts then
 * count each other, so a burst sent at once cannot slip past the limits while the (slow)
 * password checks run. `settleSignInAttempt` turns it into a success, or forgets it.
 */
export async function recordSignInAttempt(db: Db, attempt: { email: string; ip: string | null }, now = new Date()): Promise<number> {
  const [row] = await db
    .insert(signInAttempts)
    .values({ ...attempt, succeeded: false, at: now })
    .returning({ id: signInAttempts.id });
  // Keep the table small: failures older than the longest memory, successes older than the
  // time an address stays known, matter no more. Cheap with the indexes.
  if (Math.random() < 0.05) {
    const { windowSeconds } = throttleSettings();
    const failureMemory = Math.max(2 * windowSeconds, ACCOUNT_MEMORY_SECONDS) * 1000;
    await db
      .delete(signInAttempts)
      .where(
        or(
          and(eq(signInAttempts.succeeded, false), lt(signInAttempts.at, new Date(now.getTime() - failureMemory))),
          lt(signInAttempts.at, new Date(now.getTime() - KNOWN_ADDRESS_MEMORY_SECONDS * 1000)),
        ),
      );
  }
  return row.id;
}

/** A recorded attempt turned out right (`succeeded`), or neither right nor wrong (`forget`). */
export async function settleSignInAttempt(db: Db, id: number, outcome: 'succeeded' | 'forget'): Promise<void> {
  if (outcome === 'forget') await db.delete(signInAttempts).where(eq(signInAttempts.id, id));
  else await db.update(signInAttempts).set({ succeeded: true }).where(eq(signInAttempts.id, id));
}
