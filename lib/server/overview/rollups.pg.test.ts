import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDb, getDb, type Db } from '@/lib/server/db/client';
import { selectRows } from '@/lib/server/db/sql';
import { upsertIndexRows } from '@/lib/server/index/write';
import { workOrderToRow } from '@/lib/server/index/row';
import { makeWorkOrder } from '@/test/fixtures/work-orders';
import { indexWorkOrderTasks } from './task-index';
import { refreshRollups } from './rollups';

// Every overview read refreshes the days marked dirty, and every index write marks its day
// again: with several instances on one PostgreSQL, refreshes of the same day overlap.
const url = process.env.DATABASE_URL;
const DAY = '2031-05-17';

describe.skipIf(!url)('overview rollups refreshed by several readers at once (PostgreSQL)', () => {
  let db: Db;
  const workOrders = Array.from({ length: 5 }, (_, i) =>
    makeWorkOrder({ name: `rollup race ${i}`, create_date: `${DAY}T0${i}:00:00Z`, update_date: `${DAY}T0${i}:00:00Z`, tags: [`race-${i % 2}`] }),
  );

  beforeAll(async () => {
    db = await getDb();
    await upsertIndexRows(
      db,
      workOrders.map((workOrder) => workOrderToRow(workOrder)),
    );
    await indexWorkOrderTasks(db, workOrders);
  });

  afterAll(async () => {
    await db?.execute(
      sql`delete from work_order_index where id in (select json_array_elements_text(${JSON.stringify(workOrders.map((w) => w.id))}::json))`,
    );
    for (const table of ['overview_rollup_scores', 'overview_rollup_tasks', 'overview_rollup_people', 'overview_rollup_dirty']) {
      await db?.execute(sql`delete from ${sql.identifier(table)} where day = ${DAY}::date`);
    }
    await closeDb();
  });

  it('never fails on a rollup key, and counts each work order once', async () => {
    const readers = Array.from({ length: 24 }, async () => {
      // An index write marks the day again while other readers refresh it.
      await db.execute(sql`insert into overview_rollup_dirty (day) values (${DAY}::date) on conflict do nothing`);
      await refreshRollups(db);
    });
    const outcomes = await Promise.allSettled(readers);
    expect(outcomes.filter((outcome) => outcome.status === 'rejected').map((outcome) => String((outcome as PromiseRejectedResult).reason))).toEqual(
      [],
    );
    await refreshRollups(db);
    const [fleet] = await selectRows<{ work_orders: number }>(
      db,
      sql`select coalesce(sum(work_orders), 0)::int as work_orders from overview_rollup_scores where facet = '' and day = ${DAY}::date`,
    );
    const [tagged] = await selectRows<{ work_orders: number }>(
      db,
      sql`select coalesce(sum(work_orders), 0)::int as work_orders from overview_rollup_scores where facet = 'tag' and day = ${DAY}::date`,
    );
    expect(fleet.work_orders).toBe(5);
    expect(tagged.work_orders).toBe(5);
  });
});
