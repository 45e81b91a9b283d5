import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDb } from '@/test/harness/db';
import type { Db } from '@/lib/server/db/client';
import { dailySnapshots, indexSyncState } from '@/lib/server/db/schema';
import { runSnapshotJob } from './snapshots';

// The background job must wait for a complete index (a snapshot of a half-synced index would
// record a false history) and then take its snapshot at once.
describe('runSnapshotJob', () => {
  let db: Db;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ db, close } = await useTestDb());
  });
  afterAll(async () => close());

  it('takes nothing and says so while no full sync has completed', async () => {
    expect(await runSnapshotJob(new Date('2026-11-24T10:00:00Z'))).toBe(false);
    expect(await db.select().from(dailySnapshots)).toHaveLength(0);
  });

  it('takes the day snapshot once the first full sync has completed', async () => {
    await db.insert(indexSyncState).values({ job: 'full', lastSuccessAt: new Date('2026-11-24T09:59:00Z') });
    expect(await runSnapshotJob(new Date('2026-11-24T10:00:00Z'))).toBe(true);
    const days = (await db.select().from(dailySnapshots)).map((row) => row.day);
    expect(days).toContain('2026-11-24');
  });
});
