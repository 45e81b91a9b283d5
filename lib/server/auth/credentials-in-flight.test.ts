import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Db } from '@/lib/server/db/client';
import { signInAttempts } from '@/lib/server/db/schema';
import { createTestDb } from '@/test/harness/db';
import { authorizeCredentials } from './credentials';
import { checkSignInThrottle } from './throttle';

// The password check held open, as a slow argon2 verification is while other attempts arrive.
const gate = vi.hoisted(() => {
  let open: () => void = () => {};
  const held = { promise: new Promise<void>((resolve) => (open = resolve)), open: () => open() };
  return held;
});
vi.mock('./password', async (importOriginal) => ({
  ...(await importOriginal<typeof import('./password')>()),
  verifyPassword: async () => {
    await gate.promise;
    return false;
  },
}));

vi.setConfig({ testTimeout: 30_000, hookTimeout: 60_000 });

let db: Db;
let close: () => Promise<void>;
beforeAll(async () => ({ db, close } = await createTestDb()), 60_000);
afterAll(async () => close());

describe('an attempt whose password is still being checked', () => {
  it('already counts, so a burst sent at once cannot slip past the limits', async () => {
    const now = new Date(Date.UTC(2026, 0, 1, 12));
    const burst = Array.from({ length: 5 }, (_, i) =>
      authorizeCredentials(db, { email: 'target@example.test', password: `guess ${i}`, ip: '198.51.100.7' }, new Date(now.getTime() + i)),
    );
    await vi.waitFor(async () => expect(await db.$count(signInAttempts)).toBe(5));
    // None of the five has its answer yet, and the sixth is refused already.
    expect(await checkSignInThrottle(db, 'target@example.test', '198.51.100.7', new Date(now.getTime() + 10))).toMatchObject({
      allowed: false,
      reason: 'account_address',
    });
    gate.open();
    expect(await Promise.all(burst)).toEqual([null, null, null, null, null]);
  });
});
