import 'server-only';
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from './client';
import { leases } from './schema';

/** How long a lease lasts without renewal: how long a holder that died keeps others waiting. */
export const LEASE_MS = 30_000;
/** Renewed this often while held, so a slow holder (an upstream call at its timeout) keeps it. */
const RENEW_EVERY_MS = LEASE_MS / 3;

/**
 * Runs `fn` only if no other caller — in this process or any instance sharing the database —
 * holds `key`; returns `{ acquired: false }` at once when busy. Unlike an advisory lock it
 * holds no connection while `fn` runs (each statement takes one from the pool and gives it
 * back), so many holders waiting on the upstream at once cannot starve the pool.
 */
export async function withLease<T>(db: Db, key: string, fn: () => Promise<T>): Promise<{ acquired: true; value: T } | { acquired: false }> {
  const holder = randomUUID();
  if (!(await takeLease(db, key, holder))) return { acquired: false };
  const renewal = setInterval(() => {
    renewLease(db, key, holder).catch(() => undefined); // a missed renewal leaves the lease to expire, no worse
  }, RENEW_EVERY_MS);
  renewal.unref();
  try {
    return { acquired: true, value: await fn() };
  } finally {
    clearInterval(renewal);
    await db.delete(leases).where(and(eq(leases.key, key), eq(leases.holder, holder)));
  }
}

/** Takes `key` for `holder` if it is free or its lease ran out; true when taken. */
export async function takeLease(db: Db, key: string, holder: string, leaseMs = LEASE_MS): Promise<boolean> {
  const rows = await db
    .insert(leases)
    .values({ key, holder, expiresAt: sql`now() + ${leaseMs} * interval '1 millisecond'` })
    .onConflictDoUpdate({
      target: leases.key,
      set: { holder, expiresAt: sql`excluded.expires_at` },
      setWhere: sql`${leases.expiresAt} < now()`,
    })
    .returning({ holder: leases.holder });
  return rows[0]?.holder === holder;
}

/** Pushes the expiry of `holder`'s lease on `key` back to a full lease; false if it is no longer theirs. */
export async function renewLease(db: Db, key: string, holder: string, leaseMs = LEASE_MS): Promise<boolean> {
  const rows = await db
    .update(leases)
    .set({ expiresAt: sql`now() + ${leaseMs} * interval '1 millisecond'` })
    .where(and(eq(leases.key, key), eq(leases.holder, holder)))
    .returning({ holder: leases.holder });
  return rows.length === 1;
}
