import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDb, getDb, type Db } from '@/lib/server/db/client';
import { upsertIndexRows } from '@/lib/server/index/write';
import { workOrderToRow } from '@/lib/server/index/row';
import { makeWorkOrder } from '@/test/fixtures/work-orders';
import { indexWorkOrderTasks } from './task-index';

// Several instances (and several requests of one instance) refresh the same work order's task
// rows at once on PostgreSQL: each replacement is a delete then an insert, and under read
// committed a second delete does not see the first's uncommitted rows.
const url = process.env.DATABASE_URL;

describe.skipIf(!url)('task rows of one work order replaced concurrently (PostgreSQL)', () => {
  let db: Db;
  const workOrder = makeWorkOrder({ name: 'concurrent task rows' });

  beforeAll(async () => {
    db = await getDb();
    await upsertIndexRows(db, [workOrderToRow(workOrder)]);
  });

  afterAll(async () => {
    await db?.execute(sql`delete from work_order_index where id = ${workOrder.id}`);
    await closeDb();
  });

  it('never fails on the unique task key, and leaves exactly one row per task', async () => {
    const outcomes = await Promise.allSettled(Array.from({ length: 24 }, () => indexWorkOrderTasks(db, [workOrder])));
    const failures = outcomes.filter((outcome) => outcome.status === 'rejected').map((outcome) => String((outcome as PromiseRejectedResult).reason));
    expect(failures).toEqual([]);
    const result = (await db.execute(sql`
      select count(*)::int as rows, count(distinct (task_group_name, task_name))::int as tasks
        from work_order_task_index where work_order_id = ${workOrder.id}`)) as unknown as { rows: { rows: number; tasks: number }[] };
    expect(result.rows[0]).toEqual({ rows: 3, tasks: 3 });
  });
});
