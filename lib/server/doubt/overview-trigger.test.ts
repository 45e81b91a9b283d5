import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { selectRows } from '@/lib/server/db/sql';
import { upsertIndexRows } from '@/lib/server/index/write';
import { workOrderToRow } from '@/lib/server/index/row';
import { makeWorkOrder } from '@/test/fixtures/work-orders';
import { setUpTestDb } from '@/test/harness/db';

const setup = setUpTestDb();

async function dirtyDays(): Promise<string[]> {
  return (await selectRows<{ day: string }>(setup.db, sql`select day::text as day from overview_rollup_dirty order by day`)).map((row) => row.day);
}

describe('the overview’s dirty-day marks', () => {
  it('ignore an update of the doubt columns only, and still follow any other change', async () => {
    const workOrder = makeWorkOrder({ create_date: '2026-02-03T10:00:00.000000Z' });
    await upsertIndexRows(setup.db, [workOrderToRow(workOrder)]);
    await setup.db.execute(sql`delete from overview_rollup_dirty`);

    await setup.db.execute(
      sql`update work_order_index set doubt_score = 40, doubt_reasons = '[{"code":"engineer","points":40,"percent":100}]', doubt_synced_at = null`,
    );
    expect(await dirtyDays()).toEqual([]);

    await setup.db.execute(sql`update work_order_index set review_status = 'reviewed'`);
    expect(await dirtyDays()).toEqual(['2026-02-03']);
  });
});
