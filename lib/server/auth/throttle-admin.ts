import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '@/lib/server/db/client';
import { signInAttempts } from '@/lib/server/db/schema';
import { selectRows } from '@/lib/server/db/sql';
import type { SignInThrottleOverview } from '@/lib/shared/sign-in-throttle';
import { throttleSettings } from './config';
import { ACCOUNT_MEMORY_SECONDS, accountBackoffSeconds } from './throttle';

const later = (a: Date | null, b: Date | null) => (a && b ? (a > b ? a : b) : (a ?? b));

/**
 * What an admin sees of sign-in throttling, by the rules of `checkSignInThrottle`: every account
 * with an address locked out of it or in backoff, and every address at its own limit. Counted in
 * SQL, so an attack with many rows does not load them all.
 */
export async function signInThrottleOverview(db: Db, now = new Date()): Promise<SignInThrottleOverview> {
  const settings = throttleSettings();
  const windowMs = settings.windowSeconds * 1000;
  const windowStart = new Date(now.getTime() - windowMs);
  const memoryStart = new Date(now.getTime() - ACCOUNT_MEMORY_SECONDS * 1000);
  const t = signInAttempts;

  // (account, address) pairs at their limit: failures in the window with no later success of
  // the same pair.
  const pairs = await selectRows<{ email: string; ip: string | null; oldest: string | Date }>(
    db,
    sql`
    select f.email, f.ip, min(f.at) as oldest
    from ${t} f
    where not f.succeeded and f.at > ${windowStart.toISOString()}
      and not exists (
        select 1 from ${t} s
        where s.succeeded and s.email = f.email and s.ip is not distinct from f.ip and s.at > f.at)
    group by f.email, f.ip
    having count(*) >= ${settings.maxFailuresPerAccountAndIp}`,
  );
  const accounts = await selectRows<{ email: string; failures: number | string; last: string | Date }>(
    db,
    sql`
    select email, count(*) as failures, max(at) as last
    from ${t}
    where not succeeded and at > ${memoryStart.toISOString()}
    group by email`,
  );

  const lockedUntil = new Map<string, Date>();
  const lockedAddresses = new Map<string, string[]>();
  for (const row of pairs) {
    const until = new Date(new Date(row.oldest).getTime() + windowMs);
    lockedUntil.set(row.email, later(lockedUntil.get(row.email) ?? null, until)!);
    if (row.ip) lockedAddresses.set(row.email, [...(lockedAddresses.get(row.email) ?? []), row.ip].sort());
  }
  const accountRows = accounts
    .map((row) => {
      const failures = Number(row.failures);
      const backoffEnd = new Date(new Date(row.last).getTime() + accountBackoffSeconds(failures, settings) * 1000);
      const until = later(lockedUntil.get(row.email) ?? null, backoffEnd > now ? backoffEnd : null);
      const throttled = lockedUntil.has(row.email) || failures >= settings.accountBackoffAfter;
      return throttled
        ? {
            email: row.email,
            failures,
            throttledUntil: until && until > now ? until.toISOString() : null,
            heldBackAddresses: lockedAddresses.get(row.email) ?? [],
          }
        : null;
    })
    .filter((row) => row !== null)
    .sort((a, b) => a.email.localeCompare(b.email));

  const addresses = await selectRows<{ ip: string; failures: number | string; oldest: string | Date }>(
    db,
    sql`
    select ip, count(*) as failures, min(at) as oldest
    from ${t}
    where not succeeded and ip is not null and at > ${windowStart.toISOString()}
    group by ip
    having count(*) >= ${settings.maxFailuresPerIp}
    order by ip`,
  );
  return {
    accounts: accountRows,
    addresses: addresses.map((row) => ({
      ip: row.ip,
      failures: Number(row.failures),
      throttledUntil: new Date(new Date(row.oldest).getTime() + windowMs).toISOString(),
    })),
  };
}

/** Forgets every failed sign-in on an account (from every address). Answers how many. */
export async function clearAccountThrottle(db: Db, email: string): Promise<number> {
  const deleted = await db
    .delete(signInAttempts)
    .where(and(eq(signInAttempts.email, email), eq(signInAttempts.succeeded, false)))
    .returning({ id: signInAttempts.id });
  return deleted.length;
}

/** Forgets every failed sign-in from an address (on every account). Answers how many. */
export async function clearAddressThrottle(db: Db, ip: string): Promise<number> {
  const deleted = await db
    .delete(signInAttempts)
    .where(and(eq(signInAttempts.ip, ip), eq(signInAttempts.succeeded, false)))
    .returning({ id: signInAttempts.id });
  return deleted.length;
}
