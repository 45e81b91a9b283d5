import { describe, expect, it, vi } from 'vitest';

vi.setConfig({ hookTimeout: 60_000, testTimeout: 30_000 });
import { sql } from 'drizzle-orm';
import { setUpTestDb } from '@/test/harness/db';
import { selectRows } from '@/lib/server/db/sql';
import { maintenancePlan, vacuumChangedTables } from './maintenance';

describe('maintenancePlan', () => {
  const table = { table: 'work_order_index', live: 100_000, dead: 0, insertedSinceVacuum: 0, modifiedSinceAnalyze: 0 };

  it('leaves a clean table alone', () => {
    expect(maintenancePlan([table])).toEqual([]);
  });

  it('vacuums once dead or newly inserted rows pass 1 % (plus 50), and analyzes past 10 %', () => {
    expect(maintenancePlan([{ ...table, dead: 1_049 }])).toEqual([]);
    expect(maintenancePlan([{ ...table, dead: 1_000, insertedSinceVacuum: 50, modifiedSinceAnalyze: 1_050 }])).toEqual([
      { table: 'work_order_index', analyze: false },
    ]);
    expect(maintenancePlan([{ ...table, insertedSinceVacuum: 20_000, modifiedSinceAnalyze: 20_000 }])).toEqual([
      { table: 'work_order_index', analyze: true },
    ]);
  });

  it('vacuums a small new table after its first 50 rows', () => {
    expect(maintenancePlan([{ ...table, live: 49, insertedSinceVacuum: 49 }])).toEqual([]);
    expect(maintenancePlan([{ ...table, live: 51, insertedSinceVacuum: 51, modifiedSinceAnalyze: 56 }])).toEqual([
      { table: 'work_order_index', analyze: true },
    ]);
  });
});

describe('vacuumChangedTables (PGlite has no autovacuum)', () => {
  const testDb = setUpTestDb({ each: true });

  const visibility = async () =>
    (
      await selectRows<{ all_visible: number; pages: number }>(
        testDb.db,
        sql`select relallvisible::int as all_visible, relpages::int as pages from pg_class where relname = 'work_order_index'`,
      )
    )[0];

  it('vacuums and analyzes the index after a bulk insert, so its pages become all-visible; then nothing is left to do', async () => {
    await testDb.db.execute(sql`
      insert into work_order_index (id, name, create_date, update_date, progress_score)
      select 'wo-' || i, 'Work order ' || i, now(), now(), i % 101 from generate_series(1, 2000) as i`);
    expect((await visibility()).all_visible).toBe(0);

    const done = await vacuumChangedTables(testDb.db);
    expect(done).toContainEqual({ table: 'work_order_index', analyze: true });
    const after = await visibility();
    expect(after.pages).toBeGreaterThan(0);
    expect(after.all_visible).toBe(after.pages);

    expect(await vacuumChangedTables(testDb.db)).toEqual([]);
  });
});
