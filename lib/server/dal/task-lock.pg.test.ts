import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDb, getDb, type Db } from '@/lib/server/db/client';
import { withTaskLock } from './task-lock';

// Corrections of many tasks at once on a PostgreSQL pool: each holds its task's lock while it
// reads and writes the database and waits on the upstream. A lock that held a pooled
// connection left the work inside it none to run on once as many corrections as connections
// were in flight: every one then waited for the pool's connect timeout and failed.
const url = process.env.DATABASE_URL;
const POOL = 3;

describe.skipIf(!url)('per-task correction lock on a small PostgreSQL pool', () => {
  let db: Db;
  let poolMax: string | undefined;

  beforeAll(async () => {
    await closeDb();
    poolMax = process.env.DATABASE_POOL_MAX;
    process.env.DATABASE_POOL_MAX = String(POOL);
    db = await getDb();
  });

  afterAll(async () => {
    await closeDb();
    if (poolMax === undefined) delete process.env.DATABASE_POOL_MAX;
    else process.env.DATABASE_POOL_MAX = poolMax;
  });

  it('runs four times as many corrections as connections at once, each with its statements', async () => {
    const corrections = Array.from({ length: POOL * 4 }, (_, i) =>
      withTaskLock('00000000-0000-4000-8000-000000000001', `00000000-0000-4000-9000-${String(i).padStart(12, '0')}`, async () => {
        await db.execute(sql`select 1`); // the re-read and the audit row
        await new Promise((resolve) => setTimeout(resolve, 50)); // the upstream PATCH
        await db.execute(sql`select 1`); // the outcome
        return i;
      }),
    );
    const outcomes = await Promise.allSettled(corrections);
    expect(outcomes.filter((outcome) => outcome.status === 'rejected').map((outcome) => String((outcome as PromiseRejectedResult).reason))).toEqual(
      [],
    );
    expect(outcomes.map((outcome) => (outcome as PromiseFulfilledResult<number>).value)).toEqual(Array.from({ length: POOL * 4 }, (_, i) => i));
  });
});
