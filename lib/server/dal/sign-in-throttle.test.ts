import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { listAudit } from '@/lib/server/audit';
import { EVERY_WORK_ORDER } from '@/lib/shared/work-order-scope';
import type { SessionUser } from '@/lib/server/auth/users';
import type { Db } from '@/lib/server/db/client';
import { signInAttempts, users } from '@/lib/server/db/schema';
import { session } from '@/test/fakes/authorize';
import { useTestDb } from '@/test/harness/db';
import { clearAddressSignInThrottle, clearUserSignInThrottle, getSignInThrottle } from './sign-in-throttle';

vi.mock('@/lib/server/dal/authorize', () => import('@/test/fakes/authorize'));
vi.setConfig({ testTimeout: 30_000, hookTimeout: 60_000 });

let db: Db;
let close: () => Promise<void>;
let admin: SessionUser;
let lockedId: string;
const LOCKED = 'locked@example.test';

const ctx = () => ({ requestId: crypto.randomUUID(), locale: 'en' as const });
const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);

beforeAll(async () => {
  ({ db, close } = await useTestDb());
  const [root] = await db.insert(users).values({ email: 'root@example.test', role: 'admin' }).returning();
  admin = { id: root.id, email: root.email, name: null, role: 'admin', scope: EVERY_WORK_ORDER };
  const [locked] = await db.insert(users).values({ email: LOCKED, role: 'viewer' }).returning();
  lockedId = locked.id;
}, 60_000);
afterAll(async () => close());
beforeEach(async () => {
  session.user = admin;
  await db.delete(signInAttempts);
  // One address at its limit on LOCKED (5 failures), a guesser at its limit on every account
  // (50 failures), and an account someone mistyped once (not throttled).
  await db
    .insert(signInAttempts)
    .values([
      ...Array.from({ length: 5 }, (_, i) => ({ email: LOCKED, ip: '198.51.100.7', succeeded: false, at: minutesAgo(10 - i) })),
      ...Array.from({ length: 50 }, (_, i) => ({ email: `user${i}@example.test`, ip: '203.0.113.9', succeeded: false, at: minutesAgo(5) })),
      { email: 'root@example.test', ip: '192.0.2.1', succeeded: false, at: minutesAgo(1) },
    ]);
});

describe('sign-in throttle administration', () => {
  it('shows the accounts and the addresses throttling holds back, and until when', async () => {
    const overview = await getSignInThrottle(ctx(), {});
    const locked = overview.accounts.find((account) => account.email === LOCKED);
    expect(locked).toMatchObject({ failures: 5, heldBackAddresses: ['198.51.100.7'] });
    // Until the first of the five failures leaves the 15-minute window: 10 minutes ago + 15.
    expect(Math.round((Date.parse(locked!.throttledUntil!) - Date.now()) / 60_000)).toBe(5);
    expect(overview.accounts.map((account) => account.email)).not.toContain('root@example.test');
    expect(overview.addresses).toEqual([{ ip: '203.0.113.9', failures: 50, throttledUntil: expect.any(String) }]);
  });

  it("clears a user's throttle from every address, and audits it", async () => {
    const request = ctx();
    expect(await clearUserSignInThrottle(request, { params: { id: lockedId } })).toEqual({ cleared: 5 });
    expect((await getSignInThrottle(ctx(), {})).accounts.map((account) => account.email)).not.toContain(LOCKED);
    const [row] = await listAudit({ action: 'sign_in_throttle_cleared', actorId: admin.id });
    expect(row).toMatchObject({
      outcome: 'succeeded',
      requestId: request.requestId,
      details: { userId: lockedId, email: LOCKED, failuresCleared: 5 },
    });
  });

  it('clears an address, IPv6 spelled either way, and audits it', async () => {
    expect(await clearAddressSignInThrottle(ctx(), { params: { address: '203.0.113.9' } })).toEqual({ cleared: 50 });
    expect((await getSignInThrottle(ctx(), {})).addresses).toEqual([]);
    await db.insert(signInAttempts).values({ email: LOCKED, ip: '2001:db8::7', succeeded: false, at: minutesAgo(1) });
    expect(await clearAddressSignInThrottle(ctx(), { params: { address: '2001%3ADB8%3A%3A7' } })).toEqual({ cleared: 1 });
    expect(await listAudit({ action: 'sign_in_throttle_cleared', actorId: admin.id })).toEqual(
      expect.arrayContaining([expect.objectContaining({ details: { ip: '2001:db8::7', failuresCleared: 1 } })]),
    );
  });

  it('refuses an unknown user and a malformed address', async () => {
    await expect(clearUserSignInThrottle(ctx(), { params: { id: crypto.randomUUID() } })).rejects.toMatchObject({ code: 'not_found' });
    await expect(clearAddressSignInThrottle(ctx(), { params: { address: 'not-an-address' } })).rejects.toMatchObject({ code: 'invalid_id' });
  });

  it('is for admins only', async () => {
    session.user = { ...admin, role: 'supervisor' };
    await expect(getSignInThrottle(ctx(), {})).rejects.toMatchObject({ code: 'forbidden' });
    await expect(clearUserSignInThrottle(ctx(), { params: { id: lockedId } })).rejects.toMatchObject({ code: 'forbidden' });
    expect(await db.$count(signInAttempts)).toBe(56);
  });
});
