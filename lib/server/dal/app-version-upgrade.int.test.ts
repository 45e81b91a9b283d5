import { describe, expect, it, vi } from 'vitest';

vi.mock('@/lib/server/dal/authorize', () => import('@/test/fakes/authorize'));

import type { TaskStats } from '@/lib/shared/overview';
import { allTasks, type TaskDto } from '@/lib/shared/work-order-dto';
import { correctTask, getCorrectionHistory } from './corrections';
import { context, failureOf, forceAnalysis, setUpDalIntegration, testUser } from '@/test/harness/dal';
import { getOverview } from './overview';
import { createWorkOrder, getWorkOrderPage } from './work-orders';

// Task and task-group ids change when a site upgrades its application version; names do not.
// Everything Field Review keeps about a task (correction history, "corrected by", the
// overview's overturn figures) must still be found after such an upgrade.

const supervisor = testUser('supervisor');
setUpDalIntegration({ signedIn: supervisor });

async function upgradeApplication(): Promise<{ previous_app_version_id: string; app_version_id: string }> {
  const response = await fetch(`${process.env.SIMULATOR_ADMIN_URL!.replace(/\/$/, '')}/app-version/upgrade`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${process.env.SIMULATOR_ADMIN_TOKEN}` },
  });
  expect(response.status).toBe(200);
  return response.json();
}

async function taskOf(workOrderId: string, target: Pick<TaskDto, 'taskGroupName' | 'name'>): Promise<TaskDto> {
  const page = await getWorkOrderPage(context(), { params: { id: workOrderId } });
  const task = allTasks(page.workOrder).find((t) => t.taskGroupName === target.taskGroupName && t.name === target.name);
  if (!task) throw new Error(`task ${target.taskGroupName}/${target.name} not in the work order`);
  return task;
}

/** The overview's row of one task, from the rollups (no filter) or the live statement (a filter). */
async function overviewRow(query: string, target: Pick<TaskDto, 'taskGroupName' | 'name'>): Promise<TaskStats | undefined> {
  const overview = await getOverview(context(), { query: query });
  return overview.tasks.find((row) => row.taskGroupName === target.taskGroupName && row.taskName === target.name);
}

describe('an application-version upgrade (ids change, names stay)', () => {
  it('keeps the correction history, the "corrected by" note and the overturn figures of a corrected task', async () => {
    const name = `int-upgrade-${crypto.randomUUID().slice(0, 8)}`;
    const created = await createWorkOrder(context(), { body: async () => ({ name }) });
    // A Boolean task whose rules validate `true` and not `false`: correcting the AI's `true`
    // to `false` is an overturn from "validated" to "not validated".
    const target = allTasks(created).find((t) => t.outcomeType === 'Boolean' && t.countedInScore);
    if (!target) throw new Error('the simulated application has no Boolean task counted in the score');
    await forceAnalysis(created.id, target.taskGroupName, { [target.name]: true });
    const before = await taskOf(created.id, target);
    expect(before).toMatchObject({ analyzed: true, effectiveValue: true, validated: true });

    await correctTask(context(), {
      params: { id: created.id, taskId: before.id },
      body: async () => ({ correctedValue: false, reason: 'ai_false_positive', comment: 'before the upgrade' }),
      headers: { 'Idempotency-Key': crypto.randomUUID(), 'If-Match': `"${before.version}"` },
    });
    const corrected = await taskOf(created.id, target);
    expect(corrected.lastCorrection).toMatchObject({ actorEmail: supervisor.email, outcome: 'applied', after: false });
    const live = `q=${encodeURIComponent(name)}`;
    for (const query of ['', live]) {
      expect(await overviewRow(query, target), query || 'rollups').toMatchObject({ corrected: 1, overturnedOkToKo: 1, overturnedKoToOk: 0 });
    }

    const upgrade = await upgradeApplication();
    expect(upgrade.app_version_id).not.toBe(upgrade.previous_app_version_id);

    // The work-order page read after the upgrade: new ids, the same names, and our note.
    const after = await taskOf(created.id, target);
    expect(after.id).not.toBe(before.id);
    expect(after).toMatchObject({ corrected: true, effectiveValue: false });
    expect(after.lastCorrection).toMatchObject({ actorEmail: supervisor.email, outcome: 'applied', after: false, comment: 'before the upgrade' });

    // The history, asked for with the task's new id.
    const history = await getCorrectionHistory(context(), { params: { id: created.id, taskId: after.id } });
    expect(history.corrections).toHaveLength(1);
    expect(history.corrections[0]).toMatchObject({ actorEmail: supervisor.email, outcome: 'applied', before: true, after: false });
    // The old id no longer names a task of this work order: refused, not answered from our rows.
    expect(await failureOf(() => getCorrectionHistory(context(), { params: { id: created.id, taskId: before.id } }))).toMatchObject({
      code: 'not_found',
      status: 404,
    });

    // The overview, from the rollups and from the live statement: the overturn is still counted.
    for (const query of ['', live]) {
      expect(await overviewRow(query, target), query || 'rollups').toMatchObject({ corrected: 1, overturnedOkToKo: 1, overturnedKoToOk: 0 });
    }

    // A correction after the upgrade, by the new id, joins the same history.
    await correctTask(context(), {
      params: { id: created.id, taskId: after.id },
      body: async () => ({ correctedValue: true, reason: 'ai_false_positive', comment: 'after the upgrade' }),
      headers: { 'Idempotency-Key': crypto.randomUUID(), 'If-Match': `"${after.version}"` },
    });
    const again = await getCorrectionHistory(context(), { params: { id: created.id, taskId: after.id } });
    expect(again.corrections.map((c) => c.comment)).toEqual(['after the upgrade', 'before the upgrade']);
    expect((await taskOf(created.id, target)).lastCorrection).toMatchObject({ comment: 'after the upgrade', after: true });
  });
});
