import { eq, sql } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { setUpTestDb } from '@/test/harness/db';
import { leases } from './schema';
import { renewLease, takeLease, withLease } from './lease';

vi.setConfig({ hookTimeout: 60_000, testTimeout: 30_000 });

const testDb = setUpTestDb({ each: true });
const HOLDER_A = '00000000-0000-4000-8000-00000000000a';
const HOLDER_B = '00000000-0000-4000-8000-00000000000b';

const expiry = async (key: string) => (await testDb.db.select().from(leases).where(eq(leases.key, key)))[0]?.expiresAt;
const expire = (key: string) =>
  testDb.db
    .update(leases)
    .set({ expiresAt: sql`now() - interval '1 second'` })
    .where(eq(leases.key, key));

describe('leases', () => {
  it('lets one holder in at a time, and the next once it is released', async () => {
    const { db } = testDb;
    let inside = false;
    const outcome = await withLease(db, 'task-1', async () => {
      inside = true;
      // Busy for anyone else, in this process or another instance on the same database.
      expect(await withLease(db, 'task-1', async () => 'second')).toEqual({ acquired: false });
      // Another key is free.
      expect(await withLease(db, 'task-2', async () => 'other')).toEqual({ acquired: true, value: 'other' });
      return 'first';
    });
    expect(inside).toBe(true);
    expect(outcome).toEqual({ acquired: true, value: 'first' });
    expect(await withLease(db, 'task-1', async () => 'again')).toEqual({ acquired: true, value: 'again' });
    expect(await db.select().from(leases)).toEqual([]);
  });

  it('releases the lease when the work throws', async () => {
    const { db } = testDb;
    await expect(
      withLease(db, 'task-1', async () => {
        throw new Error('upstream down');
      }),
    ).rejects.toThrow('upstream down');
    expect(await withLease(db, 'task-1', async () => 'free')).toEqual({ acquired: true, value: 'free' });
  });

  it('hands a lease whose holder died to the next taker once it expired, and only then', async () => {
    const { db } = testDb;
    expect(await takeLease(db, 'task-1', HOLDER_A)).toBe(true);
    expect(await takeLease(db, 'task-1', HOLDER_B)).toBe(false);
    await expire('task-1');
    expect(await takeLease(db, 'task-1', HOLDER_B)).toBe(true);
    // The first holder, back late, can neither renew nor free the new holder's lease.
    expect(await renewLease(db, 'task-1', HOLDER_A)).toBe(false);
    expect((await db.select().from(leases))[0]).toMatchObject({ key: 'task-1', holder: HOLDER_B });
  });

  it('pushes the expiry back when renewed by its holder', async () => {
    const { db } = testDb;
    expect(await takeLease(db, 'task-1', HOLDER_A, 1_000)).toBe(true);
    const before = await expiry('task-1');
    expect(await renewLease(db, 'task-1', HOLDER_A, 60_000)).toBe(true);
    const after = await expiry('task-1');
    expect(after!.getTime() - before!.getTime()).toBeGreaterThan(50_000);
  });
});
