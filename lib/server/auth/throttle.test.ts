import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Db } from '@/lib/server/db/client';
import { auditLog, signInAttempts, users } from '@/lib/server/db/schema';
import { PEER_HEADER, peerStampKey } from '@/lib/server/http/peer-address';
import { createTestDb } from '@/test/harness/db';
import { clientAddress } from './client-address';
import { authorizeCredentials } from './credentials';
import { hashPassword } from './password';
import { accountBackoffSeconds, checkSignInThrottle } from './throttle';

// PGlite start-up and argon2 are CPU-bound; a shared, busy machine must not fail the suite.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

let db: Db;
let close: () => Promise<void>;
const PASSWORD = 'correct horse battery';
const TARGET = 'target@example.test';

beforeAll(async () => {
  ({ db, close } = await createTestDb());
  await db.insert(users).values({ email: TARGET, role: 'supervisor', passwordHash: await hashPassword(PASSWORD) });
}, 60_000);
afterAll(async () => close());
beforeEach(async () => {
  await db.delete(signInAttempts);
});

const at = (minutes: number) => new Date(Date.UTC(2026, 0, 1, 12, 0, 0) + minutes * 60_000);
const atSeconds = (seconds: number) => at(seconds / 60);

/** A sign-in as the route handler makes it: the client address from the request's headers. */
function signIn(password: string, request: { peer: string; forwardedFor?: string }, when: Date, email = TARGET) {
  const headers = {
    [PEER_HEADER]: `${peerStampKey()} ${request.peer}`,
    ...(request.forwardedFor ? { 'x-forwarded-for': request.forwardedFor } : {}),
  };
  return authorizeCredentials(db, { email, password, ip: clientAddress(headers, null) }, when);
}

/** Failed attempts written directly (no argon2), at the given times. */
async function failures(rows: Array<{ email?: string; ip: string | null; at: Date }>) {
  await db.insert(signInAttempts).values(rows.map((row) => ({ email: row.email ?? TARGET, ip: row.ip, at: row.at, succeeded: false })));
}

describe('client address: forwarded headers a client sends change nothing', () => {
  it('rotating X-Forwarded-For does not get past the limit of one address on one account', async () => {
    for (let i = 0; i < 5; i += 1) {
      expect(await signIn(`wrong ${i}`, { peer: '198.51.100.7', forwardedFor: `203.0.113.${i}` }, at(i))).toBeNull();
    }
    await expect(signIn(PASSWORD, { peer: '198.51.100.7', forwardedFor: '203.0.113.99' }, at(5))).rejects.toThrow(/^TooManyAttempts:/);
    // The guesser's address is held back, the account is not.
    expect(await signIn(PASSWORD, { peer: '192.0.2.44' }, at(5))).toMatchObject({ email: TARGET });
  });

  it("naming someone else's address does not lock them out", async () => {
    const victim = '203.0.113.5';
    for (let i = 0; i < 60; i += 1) {
      // Past 50 failures the sender's own address is refused: that is the point.
      await signIn('wrong password', { peer: '198.51.100.7', forwardedFor: victim }, at(i / 10), `user${i}@example.test`).catch(() => null);
    }
    expect(await checkSignInThrottle(db, TARGET, victim, at(7))).toEqual({ allowed: true });
    expect(await signIn(PASSWORD, { peer: victim }, at(7))).toMatchObject({ email: TARGET });
    // The sender is the one at its limit.
    expect(await checkSignInThrottle(db, TARGET, '198.51.100.7', at(7))).toMatchObject({ allowed: false, reason: 'address' });
  });
});

describe('sign-in throttling', () => {
  it('does not lock the account after 10 failures from 10 addresses: the right user gets in from a clean address', async () => {
    for (let i = 0; i < 10; i += 1) {
      expect(await signIn(`wrong ${i}`, { peer: `10.0.0.${i}` }, at(i))).toBeNull();
    }
    expect(await signIn(PASSWORD, { peer: '10.0.1.1' }, at(10))).toMatchObject({ email: TARGET });
  });

  it('holds one address back on one account after 5 failures, until they leave the 15-minute window', async () => {
    for (let i = 0; i < 5; i += 1) await signIn('bad password', { peer: '10.0.0.1' }, at(i));
    await expect(signIn(PASSWORD, { peer: '10.0.0.1' }, at(5))).rejects.toThrow(/^TooManyAttempts:600$/);
    expect(await signIn(PASSWORD, { peer: '10.0.0.1' }, at(15.5))).toMatchObject({ email: TARGET });
  });

  it('slows down addresses that failed on an account with many failures: 1 s doubling, at most 5 minutes', async () => {
    // 10 failures, one from each of 10 addresses, the last at 10 min.
    await failures(Array.from({ length: 10 }, (_, i) => ({ ip: `10.0.0.${i}`, at: at(i + 1) })));
    expect(await checkSignInThrottle(db, TARGET, '10.0.0.3', atSeconds(600.5))).toEqual({
      allowed: false,
      reason: 'account_backoff',
      retryAfterSeconds: 1,
    });
    expect(await checkSignInThrottle(db, TARGET, '10.0.0.3', atSeconds(601))).toEqual({ allowed: true });
    // Two more failures: 12 in all, 4 s after the last one.
    await failures([
      { ip: '10.0.0.3', at: at(11) },
      { ip: '10.0.0.4', at: at(12) },
    ]);
    expect(await checkSignInThrottle(db, TARGET, '10.0.0.3', atSeconds(721))).toMatchObject({ allowed: false, retryAfterSeconds: 3 });
    expect(await checkSignInThrottle(db, TARGET, '10.0.0.3', atSeconds(724))).toEqual({ allowed: true });
    // A clean address is not slowed down.
    expect(await checkSignInThrottle(db, TARGET, '10.9.9.9', atSeconds(720))).toEqual({ allowed: true });
    expect([9, 10, 11, 18, 19, 40].map((n) => accountBackoffSeconds(n))).toEqual([0, 1, 2, 256, 300, 300]);
  });

  it('slows down every address after 100 failures in a day, but not one the user signed in from', async () => {
    await db.insert(signInAttempts).values({ email: TARGET, ip: '192.0.2.44', succeeded: true, at: at(-3 * 24 * 60) });
    await failures(Array.from({ length: 100 }, (_, i) => ({ ip: `10.0.${Math.floor(i / 50)}.${i % 50}`, at: at(i / 10) })));
    const last = 9.9;
    expect(await checkSignInThrottle(db, TARGET, '10.9.9.9', at(last + 1))).toEqual({
      allowed: false,
      reason: 'account_backoff',
      retryAfterSeconds: 240,
    });
    expect(await checkSignInThrottle(db, TARGET, '10.9.9.9', at(last + 5))).toEqual({ allowed: true });
    expect(await signIn(PASSWORD, { peer: '192.0.2.44' }, at(last + 1))).toMatchObject({ email: TARGET });
  });

  it('forgets the failures of an address on an account once it signs in there', async () => {
    for (let i = 0; i < 4; i += 1) await signIn('bad password', { peer: '10.0.0.1' }, at(i));
    await signIn(PASSWORD, { peer: '10.0.0.1' }, at(4));
    for (let i = 0; i < 4; i += 1) await signIn('bad password', { peer: '10.0.0.1' }, at(5 + i / 10));
    expect(await checkSignInThrottle(db, TARGET, '10.0.0.1', at(6))).toEqual({ allowed: true });
  });

  it('gives the same answer for an unknown account and a wrong password', async () => {
    const unknown = await authorizeCredentials(db, { email: 'nobody@example.test', password: 'whatever it is', ip: null }, at(0));
    const wrong = await authorizeCredentials(db, { email: TARGET, password: 'whatever it is', ip: null }, at(0));
    expect(unknown).toBeNull();
    expect(wrong).toBeNull();
  });

  it('throttles unknown accounts too, so throttling does not reveal which exist', async () => {
    for (let i = 0; i < 5; i += 1) {
      await authorizeCredentials(db, { email: 'ghost@example.test', password: 'nope nope', ip: null }, at(i));
    }
    await expect(authorizeCredentials(db, { email: 'ghost@example.test', password: 'nope nope', ip: null }, at(5))).rejects.toThrow(
      /TooManyAttempts/,
    );
  });

  it('refuses an address that fails on many accounts', async () => {
    await failures(Array.from({ length: 50 }, (_, i) => ({ email: `user${i}@example.test`, ip: '203.0.113.9', at: at(i / 10) })));
    expect(await checkSignInThrottle(db, TARGET, '203.0.113.9', at(6))).toEqual({ allowed: false, reason: 'address', retryAfterSeconds: 9 * 60 });
    expect(await checkSignInThrottle(db, TARGET, '198.51.100.1', at(6))).toEqual({ allowed: true });
  });

  it('audits throttled attempts without the password', async () => {
    const rows = await db.select().from(auditLog);
    expect(rows.some((row) => (row.details as { reason?: string })?.reason === 'throttled')).toBe(true);
    expect(JSON.stringify(rows)).not.toContain(PASSWORD);
  });
});
