import { describe, expect, it, vi } from 'vitest';

vi.setConfig({ hookTimeout: 60_000, testTimeout: 30_000 });
import { setUpTestDb } from '@/test/harness/db';
import { parseOverviewParams } from '@/lib/shared/overview';
import { scoped, type ScopedQuery } from '@/lib/server/index/search';
import { EVERY_WORK_ORDER as EVERY_TEAM, type WorkOrderScope } from '@/lib/shared/work-order-scope';
import { FLEET, fleetWorkOrder, seedFleet } from '@/test/fixtures/fleet';
import { workOrderToRow } from '@/lib/server/index/row';
import { upsertIndexRows } from '@/lib/server/index/write';
import { indexWorkOrderTasks } from '@/lib/server/overview/task-index';
import { aiAccuracy } from './ai-accuracy';
import { overturnRatesByTask, overturnRows, versionsFirstSeen } from './overturn-rates';

/*
 * The fleet of test/fixtures/fleet.ts (Boolean tasks, true = validated; "x>y" = AI said x,
 * corrected to y, wherever):
 *
 *   WO  created (week of)   version  cable  label  seal
 *   A   03-10 (03-09)       v1       ok     ok     ok
 *   B   03-09 (03-09)       v1       ko>ok  ok     ok
 *   C   03-01 (02-23)       v1       ok     ko     -
 *   D   02-20 (02-16)       v1       -      -      -
 *   E   03-08 (03-02)       v1       ok>ko  ok     ko
 *   F   03-10 (03-09)       v2       ok     ko>ok  ko
 *
 * F's label was corrected upstream only (no audit row): it counts like the others.
 */
const fleet = setUpTestDb({ seed: seedFleet });

function query(search = '', scope: WorkOrderScope = EVERY_TEAM): ScopedQuery {
  const parsed = parseOverviewParams(search);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.fields));
  return scoped(parsed.params.query, scope);
}

describe('overturnRatesByTask', () => {
  it('counts every correction by direction, over the tasks whose AI value was judged, most overturned first', async () => {
    expect(await overturnRatesByTask(fleet.db)).toEqual([
      { taskGroupName: 'front', taskName: 'cable', judged: 5, okToKo: 1, koToOk: 1, correctedKept: 0, corrected: 2 },
      { taskGroupName: 'front', taskName: 'label', judged: 5, okToKo: 0, koToOk: 1, correctedKept: 0, corrected: 1 },
      { taskGroupName: 'back', taskName: 'seal', judged: 4, okToKo: 0, koToOk: 0, correctedKept: 0, corrected: 0 },
    ]);
  });

  it('follows the filter (engineer b: C and E)', async () => {
    const cable = (await overturnRatesByTask(fleet.db, query('engineer=b@x.test'))).find((row) => row.taskName === 'cable');
    expect(cable).toEqual({ taskGroupName: 'front', taskName: 'cable', judged: 2, okToKo: 1, koToOk: 0, correctedKept: 0, corrected: 1 });
  });

  it('gives the same rows from the rollups as from the task index', async () => {
    const sort = (rows: Awaited<ReturnType<typeof overturnRows>>) =>
      [...rows].sort((a, b) =>
        JSON.stringify([a.taskName, a.appVersionId, a.week]).localeCompare(JSON.stringify([b.taskName, b.appVersionId, b.week])),
      );
    const teamG2: WorkOrderScope = { all: false, groups: ['g2'], unassigned: false };
    const teamsG1G3: WorkOrderScope = { all: false, groups: ['g1', 'g3'], unassigned: true };
    for (const [rolledUp, live, scope] of [
      ['', 'progressMax=100', EVERY_TEAM],
      ['tag=urgent', 'tag=urgent&progressMax=100', EVERY_TEAM],
      ['createdFrom=2026-03-02', 'createdFrom=2026-03-02&progressMax=100', EVERY_TEAM],
      // Users of some teams read the rollups of the sets of user groups that meet theirs.
      ['', 'progressMax=100', teamG2],
      ['review=to_review', 'review=to_review&progressMax=100', teamsG1G3],
      ['group=g1&group=g2', 'group=g1&group=g2&progressMax=100', EVERY_TEAM],
    ] as const) {
      const fromRollups = await overturnRows(fleet.db, query(rolledUp, scope));
      expect(fromRollups.length, rolledUp).toBeGreaterThan(0);
      expect(sort(fromRollups), rolledUp).toEqual(sort(await overturnRows(fleet.db, query(live, scope))));
    }
  });
});

describe('aiAccuracy', () => {
  it('splits by application version (first seen first) and by creation week', async () => {
    const accuracy = await aiAccuracy(fleet.db, query(), '');
    expect(accuracy.versions).toEqual([
      { appVersionId: 'v1', firstSeen: '2026-02-20T08:00:00.000Z', judged: 11, okToKo: 1, koToOk: 1, correctedKept: 0, corrected: 2 },
      { appVersionId: 'v2', firstSeen: '2026-03-10T01:00:00.000Z', judged: 3, okToKo: 0, koToOk: 1, correctedKept: 0, corrected: 1 },
    ]);
    // D (week of 02-16) has no judged task and no correction: no row.
    expect(accuracy.weeks).toEqual([
      { week: '2026-02-23', judged: 2, okToKo: 0, koToOk: 0, correctedKept: 0, corrected: 0 },
      { week: '2026-03-02', judged: 3, okToKo: 1, koToOk: 0, correctedKept: 0, corrected: 1 },
      { week: '2026-03-09', judged: 9, okToKo: 0, koToOk: 2, correctedKept: 0, corrected: 2 },
    ]);
    expect(await versionsFirstSeen(fleet.db)).toEqual([
      { appVersionId: 'v1', firstSeen: '2026-02-20T08:00:00.000Z' },
      { appVersionId: 'v2', firstSeen: '2026-03-10T01:00:00.000Z' },
    ]);
  });

  it('tests drift between the two newest versions, only with enough judged tasks on each side', async () => {
    const strict = await aiAccuracy(fleet.db, query(), '');
    expect(strict.drift).toMatchObject({ previousVersion: 'v1', latestVersion: 'v2', tasks: [], untested: 3 });
    const loose = await aiAccuracy(fleet.db, query(), '', { minJudged: 1 });
    const label = loose.drift.tasks.find((task) => task.taskName === 'label');
    expect(label).toMatchObject({ before: { judged: 4, overturned: 0 }, after: { judged: 1, overturned: 1, rate: 1 }, drifting: false });
    expect(label?.pValue).toBeCloseTo(0.2, 10); // scipy.stats.fisher_exact([[0, 4], [1, 0]])
  });
});

describe('versionsFirstSeen', () => {
  it('orders two versions first seen the same day by the time of their first work order', async () => {
    // G: version v3, created on F's day (v2's first) but an hour before F.
    const g = fleetWorkOrder({ ...FLEET[5], letter: 'g', created: '2026-03-10T00:00:00Z', version: 'v3' });
    await upsertIndexRows(fleet.db, [workOrderToRow(g)]);
    await indexWorkOrderTasks(fleet.db, [g]);
    expect((await versionsFirstSeen(fleet.db)).map((version) => version.appVersionId)).toEqual(['v1', 'v3', 'v2']);
  });
});
