import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('@/lib/server/dal/authorize', () => import('@/test/fakes/authorize'));

import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '@/lib/server/db/client';
import { auditLog, doubtEngineerRates, doubtTaskRates, workOrderIndex, workOrderTaskIndex } from '@/lib/server/db/schema';
import { selectRows } from '@/lib/server/db/sql';
import { getDoubtWeights, updateDoubtWeights } from '@/lib/server/dal/doubt-weights';
import { searchWorkOrders } from '@/lib/server/dal/work-order-search';
import { runSync } from '@/lib/server/index/sync';
import { DEFAULT_DOUBT_WEIGHTS, MIN_TASK_SAMPLE, type DoubtReason, type DoubtWeights } from '@/lib/shared/doubt';
import { taskKey } from '@/lib/shared/task-key';
import { startSimulator } from '@/simulator/server';
import { session } from '@/test/fakes/authorize';
import { context, testUser } from '@/test/harness/dal';
import { useTestDb } from '@/test/harness/db';
import { simulatorProfile } from '@/test/harness/simulator-profile';
import { startDoubtRefresh } from './job';
import { refreshDoubt } from './refresh';
import { loadWeights, storeWeights } from './weights';
import { doubtOf } from './score';

let db: Db;
let closeDb: () => Promise<void>;
let closeSimulator: () => Promise<void>;
const admin = testUser('admin');

// A simulator of this file's own, large enough for task names to pass the rate's minimum sample.
beforeAll(async () => {
  const apiKey = `doubt-${crypto.randomUUID().replaceAll('-', '')}`;
  const simulator = await startSimulator({
    port: 0,
    workOrders: 80,
    seed: 'doubt-queue',
    apiKeys: [apiKey],
    log: false,
    profile: simulatorProfile(),
  });
  process.env.DEEPOMATIC_API_URL = simulator.apiUrl;
  process.env.DEEPOMATIC_API_KEY = apiKey;
  process.env.SIMULATOR_ADMIN_URL = simulator.adminUrl;
  process.env.SIMULATOR_ADMIN_TOKEN = simulator.adminToken;
  closeSimulator = () => simulator.close();
  ({ db, close: closeDb } = await useTestDb());
}, 120_000);

afterAll(async () => {
  await closeDb();
  await closeSimulator();
});

beforeEach(() => {
  session.user = admin;
});

interface ScoredRow {
  id: string;
  doubt_score: number;
  doubt_reasons: DoubtReason[];
  fresh: boolean;
  conformity_errors: number | null;
  conformity_warnings: number | null;
  tasks_not_validated: number | null;
  tasks_not_analyzed: number | null;
  field_engineer_email: string | null;
}

/**
 * Checks every row against the pure score, from the facts and rates as the database holds them:
 * what the sync and the refresh wrote must be what `doubtOf` gives.
 */
async function expectEveryScoreCurrent(weights: DoubtWeights): Promise<ScoredRow[]> {
  const rows = await selectRows<ScoredRow>(
    db,
    sql`select id, doubt_score, doubt_reasons, doubt_synced_at is not distinct from synced_at as fresh, conformity_errors,
               conformity_warnings, tasks_not_validated, tasks_not_analyzed, field_engineer_email
          from work_order_index`,
  );
  const taskRates = new Map((await db.select().from(doubtTaskRates)).map((rate) => [taskKey(rate.taskGroupName, rate.taskName), rate.percent]));
  const engineerRates = new Map((await db.select().from(doubtEngineerRates)).map((rate) => [rate.fieldEngineerEmail, rate.percent]));
  const standing = await db
    .select()
    .from(workOrderTaskIndex)
    .where(sql`${workOrderTaskIndex.aiValidated} is not null and not ${workOrderTaskIndex.corrected}`);
  for (const row of rows) {
    const expected = doubtOf(
      {
        conformityErrors: row.conformity_errors,
        conformityWarnings: row.conformity_warnings,
        tasksNotValidated: row.tasks_not_validated,
        tasksNotAnalyzed: row.tasks_not_analyzed,
        standingVerdicts: standing
          .filter((task) => task.workOrderId === row.id)
          .map((task) => ({ ...task, overturnPercent: taskRates.get(taskKey(task.taskGroupName, task.taskName)) ?? null })),
        engineerPercent: (row.field_engineer_email && engineerRates.get(row.field_engineer_email)) || null,
        photoDisagreements: null,
      },
      weights,
    );
    expect({ id: row.id, fresh: row.fresh, score: row.doubt_score, reasons: row.doubt_reasons }).toEqual({
      id: row.id,
      fresh: true,
      score: expected.score,
      reasons: expected.reasons,
    });
  }
  return rows;
}

describe('doubt score in the index', () => {
  it('is filled by the sync for every row it writes, with at most two reasons, heaviest first', async () => {
    const result = await runSync('full');
    expect(result.status).toBe('completed');
    const rows = await expectEveryScoreCurrent(DEFAULT_DOUBT_WEIGHTS);
    expect(rows.length).toBe(80);
    const doubted = rows.filter((row) => row.doubt_score > 0);
    expect(doubted.length).toBeGreaterThan(0);
    for (const row of doubted) {
      expect(row.doubt_reasons.length).toBeGreaterThan(0);
      expect(row.doubt_reasons.length).toBeLessThanOrEqual(2);
      expect(row.doubt_reasons[0].points).toBeGreaterThanOrEqual(row.doubt_reasons.at(-1)!.points);
    }
    // Read in full with its inputs: the warnings are counted (0 is known, null is not).
    expect(rows.every((row) => row.conformity_warnings !== null)).toBe(true);
  });

  it('rescores, in the recompute job, the work orders whose task is now often overturned, and only when something moved', async () => {
    // The most common task name with standing AI verdicts: turn half of them into overturned corrections.
    const [common] = await selectRows<{ task_group_name: string; task_name: string; n: number }>(
      db,
      sql`select task_group_name, task_name, count(*)::int as n from work_order_task_index
           where ai_validated is not null and not corrected group by 1, 2 order by 3 desc, 1, 2 limit 1`,
    );
    expect(common.n).toBeGreaterThanOrEqual(MIN_TASK_SAMPLE);
    const before = new Map(
      (await db.select({ id: workOrderIndex.id, score: workOrderIndex.doubtScore }).from(workOrderIndex)).map((row) => [row.id, row.score]),
    );
    await db.execute(sql`
      update work_order_task_index set corrected = true, validated = not ai_validated
       where (work_order_id, task_group_name, task_name) in (
         select work_order_id, task_group_name, task_name from work_order_task_index
          where task_group_name = ${common.task_group_name} and task_name = ${common.task_name}
            and ai_validated is not null and not corrected
          order by work_order_id limit ${Math.ceil(common.n / 2)})`);

    const refreshed = await refreshDoubt(db);
    expect(refreshed.rateChanges.tasks).toBeGreaterThanOrEqual(1);
    const [rate] = await db
      .select()
      .from(doubtTaskRates)
      .where(and(eq(doubtTaskRates.taskGroupName, common.task_group_name), eq(doubtTaskRates.taskName, common.task_name)));
    expect(rate.percent).toBeGreaterThanOrEqual(40);
    const rows = await expectEveryScoreCurrent(DEFAULT_DOUBT_WEIGHTS);
    const risen = rows.filter((row) => row.doubt_score > before.get(row.id)!);
    expect(risen.length).toBeGreaterThan(0);
    expect(rows.some((row) => row.doubt_reasons.some((reason) => reason.code === 'overturnRisk' && reason.taskName === common.task_name))).toBe(true);

    // Nothing moved since: the next run rescores nothing.
    expect(await refreshDoubt(db)).toMatchObject({ scored: 0, staleLeft: false, rateChanges: { tasks: 0, engineers: 0 } });
  });

  it('stops at its bound and leaves the rest stale for the next run', async () => {
    await db.execute(sql`update work_order_index set doubt_synced_at = null`);
    expect(await refreshDoubt(db, { rates: false, maxRows: 30, batchSize: 20 })).toMatchObject({ scored: 30, staleLeft: true });
    expect(await refreshDoubt(db, { rates: false })).toMatchObject({ scored: 50, staleLeft: false });
    await expectEveryScoreCurrent(DEFAULT_DOUBT_WEIGHTS);
  });

  it('answers a weight change without writing any index row, then walks every row in batches, restarting on a newer change', async () => {
    const syncedBefore = await selectRows<{ id: string; doubt_synced_at: string }>(
      db,
      sql`select id, doubt_synced_at::text from work_order_index order by id`,
    );
    const first = { ...DEFAULT_DOUBT_WEIGHTS, engineer: 0 };
    await storeWeights(db, first, admin.email);
    expect(await selectRows(db, sql`select id, doubt_synced_at::text from work_order_index order by id`)).toEqual(syncedBefore);
    expect((await loadWeights(db)).rescoreAfter).toBe('');

    // A bounded run stops part-way and says so; the walk stands at the last id it rescored.
    expect(await refreshDoubt(db, { rates: false, maxRows: 30, batchSize: 20 })).toMatchObject({ scored: 30, staleLeft: true });
    expect((await loadWeights(db)).rescoreAfter).toBe(syncedBefore[29].id);

    // A newer change restarts the walk from the first row, with the newer weights.
    const second = { ...DEFAULT_DOUBT_WEIGHTS, conformityErrors: 0, tasksNotAnalyzed: 9 };
    await storeWeights(db, second, admin.email);
    expect((await loadWeights(db)).rescoreAfter).toBe('');
    expect(await refreshDoubt(db, { rates: false, batchSize: 20 })).toMatchObject({ scored: syncedBefore.length, staleLeft: false });
    expect((await loadWeights(db)).rescoreAfter).toBeNull();
    expect((await getDoubtWeights(context())).rescoring).toBe(false);
    await expectEveryScoreCurrent(second);
    // Over: the next run walks nothing.
    expect(await refreshDoubt(db, { rates: false })).toMatchObject({ scored: 0, staleLeft: false });
    await storeWeights(db, DEFAULT_DOUBT_WEIGHTS, admin.email);
    await refreshDoubt(db, { rates: false });
  });

  it('rescores everything when an admin changes the weights, and audits the change with its before and after', async () => {
    const weights = { ...DEFAULT_DOUBT_WEIGHTS, tasksNotValidated: 0, conformityErrors: 100 };
    const answer = await updateDoubtWeights(context(), { body: async () => weights });
    expect(answer).toMatchObject({ weights, defaults: DEFAULT_DOUBT_WEIGHTS, updatedBy: admin.email });
    await startDoubtRefresh(); // queued after the one the change started
    const rows = await expectEveryScoreCurrent(weights);
    expect(rows.some((row) => row.doubt_reasons.some((reason) => reason.code === 'tasksNotValidated'))).toBe(false);
    expect((await getDoubtWeights(context())).weights).toEqual(weights);

    const [audit] = await db.select().from(auditLog).where(eq(auditLog.action, 'doubt_weights_changed')).orderBy(desc(auditLog.seq)).limit(1);
    expect(audit).toMatchObject({ actorEmail: admin.email, before: DEFAULT_DOUBT_WEIGHTS, after: weights, outcome: 'succeeded' });
  });

  it('refuses weights out of range and callers below admin', async () => {
    await expect(updateDoubtWeights(context(), { body: async () => ({ ...DEFAULT_DOUBT_WEIGHTS, engineer: -1 }) })).rejects.toMatchObject({
      code: 'validation_failed',
    });
    session.user = testUser('supervisor');
    await expect(getDoubtWeights(context())).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('sorts the list by doubt, most doubtful first, each row with its reasons', async () => {
    const page = await searchWorkOrders(context(), { query: new URLSearchParams('review=all&sort=-doubtScore&pageSize=25') });
    expect(page.query).toContain('sort=-doubtScore');
    const scores = page.rows.map((row) => row.doubtScore);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const [top] = await db.select({ score: workOrderIndex.doubtScore }).from(workOrderIndex).orderBy(desc(workOrderIndex.doubtScore)).limit(1);
    expect(scores[0]).toBe(top.score);
    expect(page.rows[0].doubtReasons.length).toBeGreaterThan(0);

    const second = await searchWorkOrders(context(), { query: new URLSearchParams('review=all&sort=-doubtScore&pageSize=25&page=2') });
    expect(second.rows[0].doubtScore).toBeLessThanOrEqual(scores.at(-1)!);
    const ascending = await searchWorkOrders(context(), { query: new URLSearchParams('review=all&sort=doubtScore&pageSize=10') });
    expect(ascending.rows[0].doubtScore).toBe(
      Math.min(...(await db.select({ s: workOrderIndex.doubtScore }).from(workOrderIndex)).map((row) => row.s)),
    );
  });
});
