import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';

vi.mock('@/lib/server/dal/authorize', () => import('@/test/fakes/authorize'));

import { listAudit } from '@/lib/server/audit';
import { spotCheckSettings, workOrderIndex } from '@/lib/server/db/schema';
import { runSync } from '@/lib/server/index/sync';
import { isDrawn } from '@/lib/server/spot-checks/draw';
import type { BlindWorkOrderDto } from '@/lib/shared/spot-checks';
import { wilsonInterval } from '@/lib/shared/wilson';
import { session } from '@/test/fakes/authorize';
import { context, failureOf, setUpDalIntegration, testUser } from '@/test/harness/dal';
import { answerSpotCheck, getSpotCheck, getSpotCheckSettings, getSpotCheckStats, listSpotCheckQueue, setSpotCheckRate } from './spot-checks';

const admin = testUser('admin');
const supervisor = testUser('supervisor');
const setup = setUpDalIntegration();

const body = (value: unknown) => ({ body: async () => value });

async function fullyPassedIds(): Promise<string[]> {
  const rows = await setup.db
    .select({ id: workOrderIndex.id })
    .from(workOrderIndex)
    .where(and(eq(workOrderIndex.progressScore, 100), eq(workOrderIndex.tasksCorrected, 0)));
  return rows.map((row) => row.id).sort();
}

/** Every key at any depth of a JSON value. */
function keysOf(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) keysOf(item, into);
  else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      into.add(key);
      keysOf(inner, into);
    }
  }
  return into;
}

const BLIND_KEYS = ['id', 'name', 'taskGroups', 'displayName', 'tasks', 'taskGroupName', 'taskName', 'sentence', 'photos', 'inputId', 'imageUrl'];

describe('spot checks against the simulator', () => {
  it('draws from the indexed work orders the AI fully passed, reproducibly, growing with the rate', async () => {
    await runSync('full', { pageSize: 50 });
    const passed = await fullyPassedIds();
    expect(passed.length).toBeGreaterThan(0);

    session.user = admin;
    const initial = await getSpotCheckSettings(context());
    expect(initial).toMatchObject({ ratePercent: 0, drawn: 0, fullyPassed: passed.length });

    const [{ seed }] = await setup.db.select({ seed: spotCheckSettings.seed }).from(spotCheckSettings);
    expect(seed).toMatch(/^[0-9a-f]{64}$/);
    session.user = supervisor;
    expect((await listSpotCheckQueue(context())).total).toBe(0);

    const drawnAt: Record<number, string[]> = {};
    for (const rate of [37.5, 100]) {
      session.user = admin;
      const settings = await setSpotCheckRate(context(), body({ ratePercent: rate }));
      // The database draws exactly what the pure draw says, with the site's stored seed.
      const expected = passed.filter((id) => isDrawn(seed, id, rate));
      expect(settings).toMatchObject({ ratePercent: rate, fullyPassed: passed.length, drawn: expected.length, updatedBy: admin.email });
      session.user = supervisor;
      const queue = await listSpotCheckQueue(context());
      drawnAt[rate] = queue.items.map((item) => item.id).sort();
      expect(drawnAt[rate]).toEqual(expected);
      expect(queue.total).toBe(expected.length);
    }
    expect(drawnAt[100]).toEqual(passed);
    for (const id of drawnAt[37.5]) expect(drawnAt[100]).toContain(id);

    const audit = await listAudit({ action: 'spot_check_rate_changed' });
    expect(audit.map((row) => [row.before, row.after, row.actorEmail])).toEqual(
      expect.arrayContaining([
        [{ ratePercent: 0 }, { ratePercent: 37.5 }, admin.email],
        [{ ratePercent: 37.5 }, { ratePercent: 100 }, admin.email],
      ]),
    );
  }, 120_000);

  it('refuses a rate outside 0–100 %, and a supervisor', async () => {
    session.user = admin;
    expect(await failureOf(() => setSpotCheckRate(context(), body({ ratePercent: 100.5 })))).toMatchObject({
      status: 400,
      fields: { ratePercent: expect.any(String) },
    });
    session.user = supervisor;
    expect(await failureOf(() => setSpotCheckRate(context(), body({ ratePercent: 5 })))).toMatchObject({ status: 403 });
  });

  let blind: BlindWorkOrderDto;

  it('reads a drawn work order blind: nothing of what the AI said is sent', async () => {
    session.user = supervisor;
    const [first] = (await listSpotCheckQueue(context())).items;
    const check = await getSpotCheck(context(), { params: { id: first.id } });
    blind = check.workOrder;
    expect(check.reveal).toBeNull();
    expect(blind.id).toBe(first.id);
    expect(blind.taskGroups.flatMap((group) => group.tasks).length).toBeGreaterThan(0);
    // Only these fields exist at any depth: no value, verdict, message, colour, status or box.
    expect([...keysOf(check)].filter((key) => !BLIND_KEYS.includes(key) && key !== 'workOrder' && key !== 'reveal')).toEqual([]);
    for (const photo of blind.taskGroups.flatMap((group) => group.photos)) {
      expect(photo.imageUrl).toBe(`/api/work-orders/${first.id}/inputs/${photo.inputId}/image`);
    }
  });

  it('records the answers, reveals the AI verdicts beside them, and takes the work order out of the queue', async () => {
    session.user = supervisor;
    const tasks = blind.taskGroups.flatMap((group) => group.tasks).map(({ taskGroupName, taskName }) => ({ taskGroupName, taskName }));
    // Not one answer per task: refused, nothing stored.
    expect(
      await failureOf(() =>
        answerSpotCheck(context(), {
          params: { id: blind.id },
          ...body({
            answers: [
              { ...tasks[0], ok: true },
              { ...tasks[0], ok: false },
            ],
          }),
        }),
      ),
    ).toMatchObject({ status: 400, fields: { answers: 'invalid' } });
    if (tasks.length > 1) {
      expect(
        await failureOf(() => answerSpotCheck(context(), { params: { id: blind.id }, ...body({ answers: [{ ...tasks[0], ok: true }] }) })),
      ).toMatchObject({ status: 400 });
    }

    const answers = tasks.map((task, index) => ({ taskGroupName: task.taskGroupName, taskName: task.taskName, ok: index !== 0 }));
    const answered = await answerSpotCheck(context(), { params: { id: blind.id }, ...body({ answers }) });
    expect(answered.reveal).not.toBeNull();
    expect(answered.reveal!.checkedBy).toBe(supervisor.email);
    expect(answered.reveal!.tasks).toHaveLength(tasks.length);
    const refused = answered.reveal!.tasks.find((task) => task.taskName === tasks[0].taskName && task.taskGroupName === tasks[0].taskGroupName)!;
    expect(refused.reviewerOk).toBe(false);
    // A fully passed work order: the AI passed every task it was asked about.
    expect(answered.reveal!.tasks.every((task) => task.aiValidated === true)).toBe(true);

    // Read again: the reveal is there for everyone now, and the queue has one less.
    const again = await getSpotCheck(context(), { params: { id: blind.id } });
    expect(again.reveal!.tasks.map((task) => task.reviewerOk).sort()).toEqual(answers.map((answer) => answer.ok).sort());
    const queue = await listSpotCheckQueue(context());
    expect(queue.items.map((item) => item.id)).not.toContain(blind.id);

    expect(await failureOf(() => answerSpotCheck(context(), { params: { id: blind.id }, ...body({ answers }) }))).toMatchObject({
      status: 409,
      details: { reason: 'already_checked' },
    });
    const [audit] = await listAudit({ action: 'spot_check_answered' });
    expect(audit).toMatchObject({
      workOrderId: blind.id,
      actorEmail: supervisor.email,
      outcome: 'succeeded',
      details: { tasks: tasks.length, falseAccepts: 1 },
    });
  });

  it('estimates the false-accept rate per task with its Wilson interval', async () => {
    session.user = testUser('viewer');
    const stats = await getSpotCheckStats(context());
    expect(stats.checkedWorkOrders).toBe(1);
    const tasks = blind.taskGroups.flatMap((group) => group.tasks);
    expect(stats.tasks).toHaveLength(tasks.length);
    const refused = stats.tasks.find((row) => row.taskName === tasks[0].taskName && row.taskGroupName === tasks[0].taskGroupName)!;
    expect(refused).toMatchObject({ checked: 1, falseAccepts: 1, ...wilsonInterval(1, 1) });
    const passed = stats.tasks.filter((row) => row !== refused);
    for (const row of passed) expect(row).toMatchObject({ checked: 1, falseAccepts: 0, estimate: 0 });
    expect(refused.neededForTwoPoints).toBeGreaterThan(0);
  });

  it('does not open a work order that is not drawn', async () => {
    session.user = admin;
    await setSpotCheckRate(context(), body({ ratePercent: 0 }));
    session.user = supervisor;
    const [other] = await setup.db
      .select({ id: workOrderIndex.id })
      .from(workOrderIndex)
      .where(sql`${workOrderIndex.id} <> ${blind.id}`)
      .limit(1);
    expect(await failureOf(() => getSpotCheck(context(), { params: { id: other.id } }))).toMatchObject({ status: 404 });
    expect(
      await failureOf(() =>
        answerSpotCheck(context(), { params: { id: other.id }, ...body({ answers: [{ taskGroupName: 'a', taskName: 'b', ok: true }] }) }),
      ),
    ).toMatchObject({
      status: 404,
    });
    // Checked stays readable whatever the rate.
    expect((await getSpotCheck(context(), { params: { id: blind.id } })).reveal).not.toBeNull();
  });
});
