import { describe, expect, it, vi } from 'vitest';

vi.mock('@/lib/server/dal/authorize', () => import('@/test/fakes/authorize'));

import { eq } from 'drizzle-orm';
import { auditLog, webhookDeliveries, webhookEndpoints } from '@/lib/server/db/schema';
import { deepomatic, type WorkOrder } from '@/lib/server/deepomatic';
import { runSync } from '@/lib/server/index/sync';
import { indexWorkOrder } from '@/lib/server/index/write';
import { matchRule, type Rule } from '@/lib/shared/progress-score';
import { forceAnalysis, setUpDalIntegration } from '@/test/harness/dal';
import { onDocumentedProfile } from '@/test/harness/simulator-profile';
import { taskStats } from '@/lib/server/overview/aggregates';
import { enqueueDriftAlarms } from '@/lib/server/webhooks/drift';
import { aiAccuracy } from './ai-accuracy';
import { EVERY_WORK_ORDER, overturnRatesByTask } from './overturn-rates';

// Corrections made on the platform (straight to the upstream, never through Field Review)
// must count in the AI's error rate like ours, and a change of application version that
// makes the AI worse on a task must raise the drift alarm.

const setup = setUpDalIntegration();

type Task = WorkOrder['tasks'][number];

/** A Boolean task whose rules validate `true` and not `false`: correcting `true` to `false` overturns the AI. */
function booleanTask(workOrder: WorkOrder): Task {
  const task = workOrder.tasks.find((t) => {
    const rules = t.outcome_validation as Rule[] | null;
    return (
      t.outcome_type === 'Boolean' &&
      matchRule(rules, true)?.is_conformity_validated === true &&
      matchRule(rules, false)?.is_conformity_validated === false
    );
  });
  if (!task) throw new Error('the simulated application has no Boolean task validated by `true` only');
  return task;
}

async function newAnalysedWorkOrder(name: string, target?: Pick<Task, 'name' | 'task_group_name'>): Promise<{ workOrder: WorkOrder; task: Task }> {
  const created = await deepomatic.createWorkOrder({ name });
  const wanted = target ?? booleanTask(created);
  await forceAnalysis(created.id, wanted.task_group_name ?? '', { [wanted.name]: true });
  const workOrder = await deepomatic.getWorkOrder(created.id);
  const task = workOrder.tasks.find((t) => t.name === wanted.name && t.task_group_name === wanted.task_group_name);
  if (!task) throw new Error('task lost');
  return { workOrder, task };
}

async function correctUpstream(workOrderId: string, task: Task, value: boolean): Promise<void> {
  await deepomatic.correctTask(workOrderId, task.id, value);
}

/** Every work order of the upstream, read in full. */
async function upstreamWorkOrders(): Promise<WorkOrder[]> {
  const all: WorkOrder[] = [];
  for (let page = 1; ; page += 1) {
    const list = await deepomatic.listWorkOrders({ page, pageSize: 1000, ordering: 'create_date' });
    for (const summary of list.results) all.push(await deepomatic.getWorkOrder(summary.id));
    if (list.nextPage === null) return all;
  }
}

/** The expected figures, computed from the upstream's own values and rules, task by task. */
function expectedByTask(
  workOrders: WorkOrder[],
): Map<string, { judged: number; okToKo: number; koToOk: number; correctedKept: number; corrected: number }> {
  const figures = new Map<string, { judged: number; okToKo: number; koToOk: number; correctedKept: number; corrected: number }>();
  for (const workOrder of workOrders) {
    const seen = new Set<string>();
    for (const task of workOrder.tasks) {
      const key = `${task.task_group_name ?? ''} · ${task.name}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const entry = figures.get(key) ?? { judged: 0, okToKo: 0, koToOk: 0, correctedKept: 0, corrected: 0 };
      figures.set(key, entry);
      const state = task.state;
      if (!state) continue;
      if (state.corrected_value !== null) entry.corrected += 1;
      const aiRule = state.analyzed_value === null ? null : matchRule(task.outcome_validation as Rule[] | null, state.analyzed_value);
      if (!aiRule) continue;
      entry.judged += 1;
      if (state.corrected_value === null) continue;
      const aiOk = aiRule.is_conformity_validated === true;
      const now = Boolean(state.is_conformity_validated);
      if (aiOk && !now) entry.okToKo += 1;
      else if (!aiOk && now) entry.koToOk += 1;
      else entry.correctedKept += 1;
    }
  }
  return figures;
}

describe('the AI error rate from the upstream’s values', () => {
  it('counts corrections made on the platform, by direction, per task, after a sync', async () => {
    const run = crypto.randomUUID().slice(0, 8);
    const { workOrder: first, task } = await newAnalysedWorkOrder(`int-accuracy-${run}-1`);
    const { workOrder: second } = await newAnalysedWorkOrder(`int-accuracy-${run}-2`, task);
    const secondTask = second.tasks.find((t) => t.name === task.name && t.task_group_name === task.task_group_name)!;
    // On the platform: one AI "OK" overturned to KO, one kept (corrected to the same value).
    await correctUpstream(first.id, task, false);
    await correctUpstream(second.id, secondTask, true);

    await runSync('full');
    // Nothing went through Field Review: no audit row to learn the corrections from.
    expect(await setup.db.select().from(auditLog).where(eq(auditLog.action, 'correction'))).toEqual([]);

    const expected = expectedByTask(await upstreamWorkOrders());
    const rates = await overturnRatesByTask(setup.db);
    const actual = new Map(rates.map((row) => [`${row.taskGroupName} · ${row.taskName}`, row]));
    for (const [key, figures] of expected) {
      if (figures.judged === 0 && figures.corrected === 0) continue;
      expect(actual.get(key), key).toMatchObject(figures);
    }
    expect(rates).toHaveLength([...expected.values()].filter((f) => f.judged > 0 || f.corrected > 0).length);
    const target = actual.get(`${task.task_group_name} · ${task.name}`);
    expect(target?.okToKo).toBeGreaterThanOrEqual(1);
    expect(target?.correctedKept).toBeGreaterThanOrEqual(1);
    // The overview's per-task overturn figures agree (they once counted only our audit log).
    const overview = (await taskStats(setup.db, EVERY_WORK_ORDER)).tasks.find(
      (row) => row.taskName === task.name && row.taskGroupName === task.task_group_name,
    );
    expect(overview).toMatchObject({ overturnedOkToKo: target?.okToKo, overturnedKoToOk: target?.koToOk });
  });

  it('raises the drift alarm when a task is overturned far more often in the new application version', async () => {
    const run = crypto.randomUUID().slice(0, 8);
    const SIDE = 8;
    const { workOrder: seed, task } = await newAnalysedWorkOrder(`int-drift-${run}-a0`);
    await indexWorkOrder(seed);
    // Before the upgrade: the AI's "OK" on the task stands.
    for (let i = 1; i < SIDE; i += 1) await indexWorkOrder((await newAnalysedWorkOrder(`int-drift-${run}-a${i}`, task)).workOrder);

    const upgrade = await fetch(`${process.env.SIMULATOR_ADMIN_URL!.replace(/\/$/, '')}/app-version/upgrade`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${process.env.SIMULATOR_ADMIN_TOKEN}` },
    });
    expect(upgrade.status).toBe(200);
    const { app_version_id: latest, previous_app_version_id: previous } = (await upgrade.json()) as Record<string, string>;

    // After: every one is overturned on the platform. Only these are read again (work orders
    // keep the version they were made with on a real site; the simulator moves them all).
    for (let i = 0; i < SIDE; i += 1) {
      const { workOrder, task: newTask } = await newAnalysedWorkOrder(`int-drift-${run}-b${i}`, task);
      await correctUpstream(workOrder.id, newTask, false);
      await indexWorkOrder(await deepomatic.getWorkOrder(workOrder.id));
    }

    const accuracy = await aiAccuracy(setup.db, EVERY_WORK_ORDER, '', { minJudged: SIDE });
    if (onDocumentedProfile()) {
      // The API's documents give work orders no application version: there are no versions to
      // compare, so no alarm (and no webhook), while the rest of the section still counts.
      expect(accuracy.drift).toMatchObject({ previousVersion: null, latestVersion: null, tasks: [] });
      expect(accuracy.tasks.some((row) => row.taskName === task.name && row.koToOk + row.okToKo >= SIDE)).toBe(true);
      return;
    }
    expect(accuracy.drift).toMatchObject({ previousVersion: previous, latestVersion: latest });
    const drifting = accuracy.drift.tasks.filter((t) => t.drifting);
    expect(drifting.map((t) => `${t.taskGroupName} · ${t.taskName}`)).toEqual([`${task.task_group_name} · ${task.name}`]);
    expect(drifting[0].after).toEqual({ judged: SIDE, overturned: SIDE, rate: 1 });
    expect(drifting[0].before.rate).toBeLessThan(0.5);
    const versions = accuracy.versions.map((v) => v.appVersionId);
    expect(versions.indexOf(previous)).toBeLessThan(versions.indexOf(latest));

    // The same alarm reaches webhook receivers once per task and version, however often the check runs.
    await setup.db.delete(webhookDeliveries);
    await setup.db.delete(webhookEndpoints);
    await setup.db
      .insert(webhookEndpoints)
      .values({ url: 'https://hooks.example.test/drift', events: ['drift.alarm'], secret: 'whsec_test', createdBy: 'test' });
    expect(await enqueueDriftAlarms(setup.db, new Date(), { minJudged: SIDE })).toBe(1);
    expect(await enqueueDriftAlarms(setup.db, new Date(), { minJudged: SIDE })).toBe(0);
    const [delivery] = await setup.db.select().from(webhookDeliveries);
    expect(delivery).toMatchObject({
      eventType: 'drift.alarm',
      payload: {
        taskGroupName: task.task_group_name,
        taskName: task.name,
        appVersionId: latest,
        previousAppVersionId: previous,
        overturnRate: 1,
        sampleSize: SIDE,
        test: 'fisher-exact-two-sided',
        correction: 'holm',
      },
    });
  });
});
