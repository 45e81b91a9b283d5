import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDb, getDb, type Db } from '@/lib/server/db/client';
import { startSimulator, type RunningSimulator } from '@/simulator/server';
import { runSync } from './sync';

// The sync's own SQL (rows as one JSON parameter, ids seen per page, deletion by anti-join)
// on a real PostgreSQL server, as a scaled-out deployment runs it. scripts/test.mjs starts a
// throwaway cluster for this project; the simulator runs in this process.
const url = process.env.DATABASE_URL;

describe.skipIf(!url)('index sync on PostgreSQL (DATABASE_URL)', () => {
  let simulator: RunningSimulator;
  let db: Db;
  const upstreamIds = new Set<string>();

  beforeAll(async () => {
    simulator = await startSimulator({ port: 0, workOrders: 120, seed: 'sync-pg', apiKeys: ['sync-pg-key'] });
    process.env.DEEPOMATIC_API_URL = simulator.apiUrl;
    process.env.DEEPOMATIC_API_KEY = 'sync-pg-key';
    db = await getDb();
  });

  afterAll(async () => {
    // Leave the shared database as other files expect it: without this file's rows.
    if (db && upstreamIds.size > 0) {
      await db.execute(sql`delete from work_order_index where id in (select json_array_elements_text(${JSON.stringify([...upstreamIds])}::json))`);
    }
    await db?.execute(sql`delete from index_sync_state`);
    await closeDb();
    await simulator?.close();
  });

  async function versions(): Promise<Map<string, string>> {
    const result = (await db.execute(sql`select id, xmin::text as version from work_order_index where seen_generation > 0`)) as unknown as {
      rows: { id: string; version: string }[];
    };
    return new Map(result.rows.map((row) => [row.id, row.version]));
  }

  it('indexes every work order with its task rows, then reconciles without rewriting, and removes a deletion', async () => {
    const first = await runSync('full', { pageSize: 50 });
    expect(first).toMatchObject({ status: 'completed', indexed: 120 });
    for (const id of (await versions()).keys()) upstreamIds.add(id);
    expect(upstreamIds.size).toBe(120);
    const counts = (await db.execute(sql`
      select count(*) filter (where w.tasks_total is null)::int as missing,
             (select count(*)::int from work_order_task_index t where t.work_order_id = any(array(select id from work_order_index))) as tasks,
             (select count(*)::int from work_order_input_stats) as stats
        from work_order_index w where w.seen_generation > 0`)) as unknown as { rows: { missing: number; tasks: number; stats: number }[] };
    expect(counts.rows[0].missing).toBe(0);
    expect(counts.rows[0].tasks).toBeGreaterThan(120);
    expect(counts.rows[0].stats).toBeGreaterThanOrEqual(120);

    const before = await versions();
    const doomed = [...upstreamIds][7];
    const response = await fetch(`${simulator.apiUrl}work-orders/${doomed}/`, { method: 'DELETE', headers: { Authorization: 'Token sync-pg-key' } });
    expect(response.status).toBe(204);

    const reconcile = await runSync('full', { pageSize: 50 });
    expect(reconcile).toMatchObject({ status: 'completed', indexed: 0 });
    expect(reconcile.removed).toBeGreaterThanOrEqual(1);
    const after = await versions();
    expect(after.has(doomed)).toBe(false);
    before.delete(doomed);
    expect(after).toEqual(before);
    expect(((await db.execute(sql`select count(*)::int as n from index_sync_seen`)) as unknown as { rows: { n: number }[] }).rows[0].n).toBe(0);
  });
});
