import { describe, expect, it, vi } from 'vitest';

vi.setConfig({ hookTimeout: 60_000, testTimeout: 30_000 });
import { setUpTestDb } from '@/test/harness/db';
import { countWorkOrders, scoped, streamWorkOrders } from '@/lib/server/index/search';
import { EVERY_WORK_ORDER, type WorkOrderScope } from '@/lib/shared/work-order-scope';
import { parseOverviewParams, taskListHref, workOrderListHref } from '@/lib/shared/overview';
import { parseWorkOrderQuery, TASK_STATES, type TaskState } from '@/lib/shared/work-order-filters';
import { buildOverview } from './overview';
import { NOW, idOf, seedFleet } from '@/test/fixtures/fleet';

/*
 * Every number of a per-task row, and the "no technician" row, opens a list of exactly that
 * many work orders: the overview and the list's task filter count the same way. Fleet and
 * figures: see aggregates.test.ts.
 */

const fleet = setUpTestDb({ seed: seedFleet });

/** A supervisor of team g2 (work orders B and C), who also sees unassigned ones (D). */
const TEAM_G2: WorkOrderScope = { all: false, groups: ['g2'], unassigned: true };

async function listOf(href: string, scope: WorkOrderScope = EVERY_WORK_ORDER) {
  const parsed = parseWorkOrderQuery(href.replace(/^\/work-orders\??/, ''));
  if (!parsed.ok) throw new Error(`${href}: ${JSON.stringify(parsed.fields)}`);
  const query = scoped(parsed.query, scope);
  const ids: string[] = [];
  for await (const batch of streamWorkOrders(fleet.db, query)) ids.push(...batch.map((row) => row.id));
  expect(await countWorkOrders(fleet.db, query)).toBe(ids.length);
  return ids.sort();
}

const COUNT_OF: Record<TaskState, 'notValidated' | 'notAnalyzed' | 'corrected'> = {
  not_validated: 'notValidated',
  not_analyzed: 'notAnalyzed',
  corrected: 'corrected',
};

describe('overview click-through', () => {
  const cases: Array<[string, WorkOrderScope]> = [
    ...['', 'engineer=b@x.test', 'tag=urgent', 'review=to_review', 'group=g1&type=install'].map(
      (search) => [search, EVERY_WORK_ORDER] as [string, WorkOrderScope],
    ),
    ...['', 'tag=night', 'review=to_review'].map((search) => [search, TEAM_G2] as [string, WorkOrderScope]),
  ];
  for (const [search, scope] of cases) {
    it(`per-task rows open exactly the work orders they count (${search || 'whole fleet'}, ${scope.all ? 'admin' : 'team g2'})`, async () => {
      const parsed = parseOverviewParams(search);
      if (!parsed.ok) throw new Error('parse');
      const overview = await buildOverview(fleet.db, parsed.params, scope, NOW);
      expect(overview.tasks.length).toBeGreaterThan(0);
      for (const row of overview.tasks) {
        expect((await listOf(taskListHref(parsed.params.query, row), scope)).length).toBe(row.tasks);
        for (const state of TASK_STATES) {
          expect((await listOf(taskListHref(parsed.params.query, row, state), scope)).length, `${row.taskName} ${state}`).toBe(row[COUNT_OF[state]]);
        }
      }
      for (const row of overview.technicians) {
        expect(
          (await listOf(workOrderListHref(parsed.params.query, row.key === null ? { assigned: false } : { engineers: [row.key] }), scope)).length,
        ).toBe(row.workOrders);
      }
    });
  }

  it('knows which work orders they are', async () => {
    const parsed = parseOverviewParams('');
    if (!parsed.ok) throw new Error('parse');
    const q = parsed.params.query;
    const cable = { taskGroupName: 'front', taskName: 'cable' };
    expect(await listOf(taskListHref(q, cable, 'corrected'))).toEqual([idOf('b'), idOf('e')]);
    expect(await listOf(taskListHref(q, cable, 'not_analyzed'))).toEqual([idOf('d')]);
    expect(await listOf(taskListHref(q, cable, 'not_validated'))).toEqual([idOf('e')]);
    expect(await listOf(taskListHref(q, { taskGroupName: 'back', taskName: 'seal' }, 'not_validated'))).toEqual([idOf('e'), idOf('f')]);
    // The task's name alone is not enough: it must be in that group.
    expect(await listOf(taskListHref(q, { taskGroupName: 'back', taskName: 'cable' }))).toEqual([]);
    // A task-group link: work orders with any task of the group in that state.
    expect(await listOf(taskListHref(q, { taskGroupName: 'front', taskName: null }, 'corrected'))).toEqual([idOf('b'), idOf('e'), idOf('f')]);
    // Hostile text is a value, not SQL.
    expect(await listOf(taskListHref(q, { taskGroupName: "front' or '1'='1", taskName: null }))).toEqual([]);
  });

  it('opens the work orders without a technician from the "no technician" row', async () => {
    const parsed = parseOverviewParams('');
    if (!parsed.ok) throw new Error('parse');
    const overview = await buildOverview(fleet.db, parsed.params, EVERY_WORK_ORDER, NOW);
    const none = overview.technicians.find((row) => row.key === null);
    expect(none?.workOrders).toBe(1);
    const ids = await listOf(workOrderListHref(parsed.params.query, { assigned: false }));
    expect(ids).toEqual([idOf('d')]);
    expect((await listOf(workOrderListHref(parsed.params.query, { assigned: true }))).length).toBe(5);
  });
});
