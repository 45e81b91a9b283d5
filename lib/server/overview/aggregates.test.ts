import { describe, expect, it, vi } from 'vitest';

vi.setConfig({ hookTimeout: 60_000, testTimeout: 30_000 });
import { EVERY_WORK_ORDER, type WorkOrderScope } from '@/lib/shared/work-order-scope';
import { scoped, type ScopedQuery } from '@/lib/server/index/search';
import { setUpTestDb } from '@/test/harness/db';
import { dailySnapshots } from '@/lib/server/db/schema';
import { parseOverviewParams } from '@/lib/shared/overview';
import type { WorkOrderQuery } from '@/lib/shared/work-order-filters';
import { correctionsSince, liveOverview, scoreSummary, stuckWorkOrders, taskStats, technicianStats, userGroupStats } from './aggregates';
import { buildOverview } from './overview';
import { takeDailySnapshot } from './snapshots';
import { trend, trendFromRows, trendWindow } from './trend';
import { medianOfCounts, rollupPeople, rollupScoreSummary, rollupTaskStats } from './rollup-reads';
import { refreshRollups, rollupFacet, rollupWhere } from './rollups';
import { addDays } from './snapshots';
import { eq } from 'drizzle-orm';
import { overviewRollupDirty, workOrderIndex } from '@/lib/server/db/schema';
import { FLEET, NOW, fleetWorkOrder, idOf, seedFleet } from '@/test/fixtures/fleet';
import { indexWorkOrderTasks } from './task-index';

/*
 * The fleet (test/fixtures/fleet.ts), now = 2026-03-10 12:00 UTC; tasks cable + label (group front), seal (back):
 *
 *   WO  engineer  groups  score  created  updated   cable  label  seal   photos            review                tags            types
 *   A   a@        g1      100    03-10    03-10     ok     ok     ok     front back        to review             urgent          install
 *   B   a@        g1 g2   100    03-09    03-09     ko>ok  ok     ok     front! front back  reviewed 03-10 10:00  urgent night    install repair
 *   C   b@        g2      33     03-01    03-02     ok     ko     -      front front!      to review             night           repair
 *   D   -         -       0      02-20    02-20     -      -      -      -                 to review
 *   E   b@        g1      33     03-08    03-09 00h ok>ko  ok     ko     front back        to review             urgent urgent
 *   F   c@ (v2)   g3      67     03-10    03-10     ok     ko>ok  ko     front back        to review                             install
 *
 * ("!" = conformity error; "x>y" = AI said x, corrected to y.) Audit log: B cable applied 03-09
 * (AI KO), E cable applied 03-10 11:00 (AI OK), C label rejected 03-10. F label was corrected
 * upstream, not here.
 */

const fleet = setUpTestDb({ seed: seedFleet });

function query(search = '', scope: WorkOrderScope = EVERY_WORK_ORDER): ScopedQuery {
  const parsed = parseOverviewParams(search);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.fields));
  return scoped(parsed.params.query, scope);
}

describe('scoreSummary', () => {
  it('computes the KPI cards and the histogram over every work order', async () => {
    const { kpis, histogram } = await scoreSummary(fleet.db, query(), NOW);
    expect(kpis).toEqual({
      workOrders: 6,
      averageScore: 55.5, // (100 + 100 + 33 + 0 + 33 + 67) / 6
      medianScore: 50, // (33 + 67) / 2
      complete: 2,
      notStarted: 1,
      toReview: 5,
      reviewedToday: 1,
      correctionsToday: 1, // E's (B's was yesterday, C's was rejected)
    });
    expect(histogram.map((band) => [band.band, band.workOrders])).toEqual([
      ['zero', 1],
      ['low', 2],
      ['high', 1],
      ['complete', 2],
    ]);
  });

  it('applies the list filters', async () => {
    const { kpis } = await scoreSummary(fleet.db, query('engineer=a@x.test'), NOW);
    expect(kpis).toMatchObject({ workOrders: 2, averageScore: 100, medianScore: 100, complete: 2, toReview: 1, correctionsToday: 0 });
    const { kpis: toReview } = await scoreSummary(fleet.db, query('review=to_review'), NOW);
    expect(toReview).toMatchObject({ workOrders: 5, reviewedToday: 0, toReview: 5 });
    const { kpis: none, histogram } = await scoreSummary(fleet.db, query('tag=nothing'), NOW);
    expect(none).toMatchObject({ workOrders: 0, averageScore: null, medianScore: null });
    expect(histogram.every((band) => band.workOrders === 0)).toBe(true);
  });

  it('counts corrections since a time on matching work orders only', async () => {
    expect(await correctionsSince(fleet.db, query(), new Date('2026-03-09T00:00:00Z'))).toBe(2);
    expect(await correctionsSince(fleet.db, query('group=g2'), new Date('2026-03-09T00:00:00Z'))).toBe(1);
  });
});

describe('stuckWorkOrders', () => {
  it('lists incomplete work orders idle for N days, oldest first', async () => {
    const three = await stuckWorkOrders(fleet.db, query(), 3, NOW);
    expect(three).toMatchObject({ total: 2, capped: false });
    expect(three.items.map((item) => item.id)).toEqual([idOf('d'), idOf('c')]);
    const one = await stuckWorkOrders(fleet.db, query(), 1, NOW);
    expect(one.items.map((item) => item.id)).toEqual([idOf('d'), idOf('c'), idOf('e')]);
    expect((await stuckWorkOrders(fleet.db, query(), 14, NOW)).items.map((item) => item.id)).toEqual([idOf('d')]);
    expect(three.items[1]).toEqual({
      id: idOf('c'),
      name: 'Work order C',
      fieldEngineerEmail: 'b@x.test',
      progressScore: 33,
      createDate: '2026-03-01T08:00:00.000Z',
      updateDate: '2026-03-02T08:00:00.000Z',
    });
    expect((await stuckWorkOrders(fleet.db, query(), 1, NOW, { limit: 1 })).total).toBe(3);
  });

  it('gives the same answer whichever plan runs (update-order walk, short walk, filter first)', async () => {
    for (const search of ['', 'engineer=b@x.test', 'tag=urgent', 'review=to_review', 'createdFrom=2026-03-01&createdTo=2026-03-08', 'tag=none']) {
      for (const days of [1, 3]) {
        const expected = await stuckWorkOrders(fleet.db, query(search), days, NOW, { walkFirst: false });
        // walk 1 and 2 end before every stuck work order was read: the filter answers.
        for (const walkLength of [1, 2, 2_000]) expect(await stuckWorkOrders(fleet.db, query(search), days, NOW, { walkLength })).toEqual(expected);
        // A short walk holding a page of one: the page from the walk, the count from the filter.
        for (const walkLength of [1, 2]) {
          expect(await stuckWorkOrders(fleet.db, query(search), days, NOW, { walkLength, limit: 1 })).toEqual({
            ...expected,
            items: expected.items.slice(0, 1),
          });
        }
      }
    }
    // Past the cap within the walk: the count stops there and says so.
    const cap = await stuckWorkOrders(fleet.db, query('progressMax=99'), 1, NOW);
    expect(cap).toMatchObject({ total: 3, capped: false });
  });
});

describe('taskStats', () => {
  it('counts per task and per task group, overturns from the upstream’s values by direction', async () => {
    const { tasks, taskGroups } = await taskStats(fleet.db, query());
    const byName = Object.fromEntries(tasks.map((task) => [task.taskName, task]));
    expect(byName.cable).toMatchObject({
      taskGroupName: 'front',
      tasks: 6,
      notValidated: 1,
      notAnalyzed: 1,
      corrected: 2,
      analyzed: 5,
      overturnedOkToKo: 1,
      overturnedKoToOk: 1,
    });
    // F's label was corrected upstream, not here: the upstream's values still say the AI was overturned.
    expect(byName.label).toMatchObject({
      tasks: 6,
      notValidated: 1,
      notAnalyzed: 1,
      corrected: 1,
      analyzed: 5,
      overturnedOkToKo: 0,
      overturnedKoToOk: 1,
    });
    expect(byName.seal).toMatchObject({ taskGroupName: 'back', tasks: 6, notValidated: 2, notAnalyzed: 2, corrected: 0, analyzed: 4 });
    const byGroup = Object.fromEntries(taskGroups.map((group) => [group.taskGroupName, group]));
    expect(byGroup.front).toMatchObject({
      taskName: null,
      tasks: 12,
      notValidated: 2,
      notAnalyzed: 2,
      corrected: 3,
      analyzed: 10,
      overturnedOkToKo: 1,
      overturnedKoToOk: 2,
    });
    expect(byGroup.back).toMatchObject({ tasks: 6, notValidated: 2, notAnalyzed: 2, corrected: 0, analyzed: 4 });
  });

  it('splits overturns by application version', async () => {
    const { overturnByVersion } = await taskStats(fleet.db, query());
    const cable = overturnByVersion.filter((row) => row.taskName === 'cable');
    expect(cable).toEqual([
      { taskGroupName: 'front', taskName: 'cable', appVersionId: 'v1', analyzed: 4, overturnedOkToKo: 1, overturnedKoToOk: 1 },
      { taskGroupName: 'front', taskName: 'cable', appVersionId: 'v2', analyzed: 1, overturnedOkToKo: 0, overturnedKoToOk: 0 },
    ]);
  });

  it('follows the filter', async () => {
    const { tasks } = await taskStats(fleet.db, query('engineer=b@x.test'));
    const cable = tasks.find((task) => task.taskName === 'cable');
    expect(cable).toMatchObject({ tasks: 2, corrected: 1, overturnedOkToKo: 1, overturnedKoToOk: 0 });
  });
});

describe('people', () => {
  it('scores technicians: work orders, average, first time right, conformity errors, corrections', async () => {
    const technicians = await technicianStats(fleet.db, query());
    expect(technicians).toEqual([
      { key: 'a@x.test', label: 'A', workOrders: 2, averageScore: 100, firstTimeRight: 1, conformityErrors: 1, corrections: 1 },
      { key: 'b@x.test', label: 'B', workOrders: 2, averageScore: 33, firstTimeRight: 0, conformityErrors: 1, corrections: 1 },
      { key: 'c@x.test', label: 'C', workOrders: 1, averageScore: 67, firstTimeRight: 0, conformityErrors: 0, corrections: 1 },
      { key: null, label: null, workOrders: 1, averageScore: 0, firstTimeRight: 0, conformityErrors: 0, corrections: 0 },
    ]);
  });

  it('scores user groups (a work order in two groups counts in both)', async () => {
    const groups = await userGroupStats(fleet.db, query());
    expect(groups.map((group) => ({ ...group, averageScore: Number(group.averageScore?.toFixed(2)) }))).toEqual([
      { key: 'g1', label: null, workOrders: 3, averageScore: 77.67, firstTimeRight: 1, conformityErrors: 1, corrections: 2 },
      { key: 'g2', label: null, workOrders: 2, averageScore: 66.5, firstTimeRight: 0, conformityErrors: 2, corrections: 1 },
      { key: 'g3', label: null, workOrders: 1, averageScore: 67, firstTimeRight: 0, conformityErrors: 0, corrections: 1 },
    ]);
  });
});

describe('snapshots and trend', () => {
  it('back-fills 90 days once, rewrites only today, and feeds the unfiltered trend', async () => {
    expect(await takeDailySnapshot(fleet.db, NOW)).toBe(90);
    const rows = await fleet.db.select().from(dailySnapshots);
    expect(rows).toHaveLength(90);
    const day = (d: string) => rows.find((row) => row.day === d)!;
    expect(day('2026-03-10')).toMatchObject({
      source: 'live',
      created: 2,
      total: 6,
      complete: 2,
      notStarted: 1,
      completed: 1,
      averageScore: 55.5,
      corrections: 1,
      reviewed: 1,
    });
    expect(day('2026-03-09')).toMatchObject({
      source: 'backfill',
      created: 1,
      total: 4,
      complete: 1,
      completed: 1,
      averageScore: 41.5,
      corrections: 1,
    });
    expect(day('2026-03-01')).toMatchObject({ created: 1, total: 2, averageScore: 16.5, completed: 0 });
    expect(day('2026-02-19')).toMatchObject({ created: 0, total: 0, averageScore: null });

    // Idempotent per day (estimates and today redone); a later run the next day keeps yesterday as recorded.
    expect(await takeDailySnapshot(fleet.db, NOW)).toBe(90);
    expect(await fleet.db.select().from(dailySnapshots)).toHaveLength(90);
    expect(await takeDailySnapshot(fleet.db, new Date('2026-03-11T06:00:00Z'))).toBe(89);
    const next = await fleet.db.select().from(dailySnapshots);
    expect(next).toHaveLength(91);
    expect(next.find((row) => row.day === '2026-03-10')).toMatchObject({ source: 'live', completed: 1 });
    expect(next.find((row) => row.day === '2026-03-11')).toMatchObject({ source: 'live', created: 0, completed: 0, total: 6 });

    const unfiltered = await trend(fleet.db, query('createdFrom=2026-03-08&createdTo=2026-03-10'), NOW);
    expect(unfiltered.source).toBe('snapshots');
    expect(unfiltered.points.map((p) => [p.day, p.created, p.completed, p.averageScore, p.source])).toEqual([
      ['2026-03-08', 1, 0, 22, 'backfill'], // C, D, E: (33 + 0 + 33) / 3
      ['2026-03-09', 1, 1, 41.5, 'backfill'], // + B (complete)
      ['2026-03-10', 2, 1, 55.5, 'snapshot'],
    ]);
  });

  it('computes a filtered trend from the index per creation day', async () => {
    const filtered = await trend(fleet.db, query('engineer=b@x.test&createdFrom=2026-03-01&createdTo=2026-03-08'), NOW);
    expect(filtered.source).toBe('index');
    expect(filtered.points).toHaveLength(8);
    expect(filtered.points[0]).toEqual({ day: '2026-03-01', created: 1, completed: 0, averageScore: 33, source: 'index' });
    expect(filtered.points[7]).toEqual({ day: '2026-03-08', created: 1, completed: 0, averageScore: 33, source: 'index' });
    expect(filtered.points.slice(1, 7).every((p) => p.created === 0 && p.averageScore === null)).toBe(true);
  });

  it('starts no earlier than year 1, for a creation range ending on its first day', async () => {
    expect(trendWindow(query('createdTo=0001-01-01'), NOW)).toEqual({ from: '0001-01-01', to: '0001-01-01' });
    expect(trendWindow(query('createdTo=0001-01-05'), NOW)).toEqual({ from: '0001-01-01', to: '0001-01-05' });
    for (const search of ['createdTo=0001-01-01', 'createdTo=0001-01-01&engineer=b@x.test', 'review=all&createdTo=0001-02-01']) {
      await expect(trend(fleet.db, query(search), NOW), search).resolves.toMatchObject({ from: '0001-01-01' });
    }
  });
});

describe('liveOverview', () => {
  async function expectSameAsSeparate(search: string, stuckDays = 3) {
    const q = query(search);
    const window = trendWindow(q, NOW);
    for (const tasksByWorkOrderMax of [undefined, 0]) {
      // 0: the tasks are read in one scan instead of by work order (the large-filter plan).
      const live = await liveOverview(fleet.db, q, {
        now: NOW,
        stuckDays,
        trendFrom: window.from,
        trendTo: window.to,
        trendNextDay: addDays(window.to, 1),
        tasksByWorkOrderMax,
      });
      const summary = await scoreSummary(fleet.db, q, NOW);
      expect({ kpis: live.kpis, histogram: live.histogram }).toEqual(summary);
      expect(live.stuck).toEqual(await stuckWorkOrders(fleet.db, q, stuckDays, NOW));
      const tasks = await taskStats(fleet.db, q);
      expect({ taskGroups: live.taskGroups, tasks: live.tasks, overturnByVersion: live.overturnByVersion }).toEqual(tasks);
      expect(live.technicians).toEqual(await technicianStats(fleet.db, q));
      expect(live.userGroups).toEqual(await userGroupStats(fleet.db, q));
      const filteredTrend = trendFromRows(window.from, window.to, live.trendRows);
      if (search !== '') expect(filteredTrend).toEqual(await trend(fleet.db, q, NOW));
      expect(filteredTrend.points.reduce((sum, point) => sum + point.created, 0)).toBeLessThanOrEqual(live.kpis.workOrders);
    }
  }

  it('gives in one statement what each aggregate gives alone', async () => {
    await expectSameAsSeparate('');
    await expectSameAsSeparate('engineer=b@x.test');
    await expectSameAsSeparate('group=g1&type=install', 1);
    await expectSameAsSeparate('tag=urgent&tag=night');
    await expectSameAsSeparate('conformity=yes&stuckDays=1');
    await expectSameAsSeparate('progressMin=1&progressMax=99', 1);
    await expectSameAsSeparate('q=nothing-matches');
  });

  it('knows its figures (engineer b: C and E)', async () => {
    const q = query('engineer=b@x.test');
    const window = trendWindow(q, NOW);
    const live = await liveOverview(fleet.db, q, {
      now: NOW,
      stuckDays: 1,
      trendFrom: window.from,
      trendTo: window.to,
      trendNextDay: addDays(window.to, 1),
    });
    expect(live.kpis).toMatchObject({ workOrders: 2, averageScore: 33, complete: 0, toReview: 2, correctionsToday: 1 });
    expect(live.stuck.items.map((item) => item.id)).toEqual([idOf('c'), idOf('e')]);
    expect(live.technicians).toEqual([
      { key: 'b@x.test', label: 'B', workOrders: 2, averageScore: 33, firstTimeRight: 0, conformityErrors: 1, corrections: 1 },
    ]);
    expect(live.tasks.find((task) => task.taskName === 'cable')).toMatchObject({ tasks: 2, corrected: 1, overturnedOkToKo: 1 });
  });
});

// Before `buildOverview`'s tests: those change the fleet.
describe('the overview of a user of some teams', () => {
  const TEAM_G2: WorkOrderScope = { all: false, groups: ['g2'], unassigned: false };
  const overviewOf = async (search: string, scope: WorkOrderScope) => {
    const parsed = parseOverviewParams(search);
    if (!parsed.ok) throw new Error('parse');
    return buildOverview(fleet.db, parsed.params, scope, NOW);
  };

  it('counts only their work orders, the same figures an admin gets filtering on their group', async () => {
    const mine = await overviewOf('stuckDays=1', TEAM_G2);
    const admin = await overviewOf('group=g2&stuckDays=1', EVERY_WORK_ORDER);
    expect(mine.kpis).toEqual(admin.kpis);
    expect(mine.kpis.workOrders).toBe(2);
    expect(mine.histogram).toEqual(admin.histogram);
    expect(mine.trend.points).toEqual(admin.trend.points);
    expect(mine.tasks).toEqual(admin.tasks);
    expect(mine.technicians).toEqual(admin.technicians);
    expect(mine.stuck.items.map((item) => item.id)).toEqual(admin.stuck.items.map((item) => item.id));
    expect(mine.stuck.items.every((item) => [idOf('b'), idOf('c')].includes(item.id))).toBe(true);
  });

  it('never shows another team in the user-group table, even one sharing a work order', async () => {
    const mine = await overviewOf('', TEAM_G2);
    expect(mine.userGroups.map((row) => row.key)).toEqual(['g2']);
    // B is in g1 and g2: an admin sees both rows.
    expect((await overviewOf('group=g2', EVERY_WORK_ORDER)).userGroups.map((row) => row.key).sort()).toEqual(['g1', 'g2']);
  });

  it('counts unassigned work orders only for users granted them, and nothing for a user of no team', async () => {
    expect((await overviewOf('', { all: false, groups: ['g3'], unassigned: true })).kpis.workOrders).toBe(2);
    expect((await overviewOf('', { all: false, groups: ['g3'], unassigned: false })).kpis.workOrders).toBe(1);
    expect((await overviewOf('', { all: false, groups: [], unassigned: false })).kpis.workOrders).toBe(0);
  });

  it('is answered from the rollups of the user-group sets that meet theirs, never from the whole fleet', () => {
    expect(rollupFacet(query('', TEAM_G2))).toEqual({ kind: 'groupSets', scope: { groups: ['g2'], unassigned: false }, anyGroup: [] });
    expect(rollupFacet(query('group=g1&review=to_review', TEAM_G2))).toEqual({
      kind: 'groupSets',
      scope: { groups: ['g2'], unassigned: false },
      anyGroup: ['g1'],
    });
    // A tag or a type within a team would need two facets at once: live.
    expect(rollupFacet(query('tag=urgent', TEAM_G2))).toBeNull();
    expect(rollupFacet(query('type=install', TEAM_G2))).toBeNull();
    expect(rollupFacet(query('', EVERY_WORK_ORDER))).toBe('');
  });
});

describe('buildOverview', () => {
  it('assembles every part and echoes the normalised query', async () => {
    const parsed = parseOverviewParams('group=g1&stuckDays=1');
    if (!parsed.ok) throw new Error('parse');
    const overview = await buildOverview(fleet.db, parsed.params, EVERY_WORK_ORDER, NOW);
    expect(overview.query).toBe('group=g1&stuckDays=1');
    expect(overview.kpis.workOrders).toBe(3);
    expect(overview.stuck.items.map((item) => item.id)).toEqual([idOf('e')]);
    expect(overview.technicians.map((t) => t.key)).toEqual(['a@x.test', 'b@x.test']);
    expect(overview.trend.source).toBe('index');
  });
});

describe('daily rollups', () => {
  async function expectSameAsLive(search: string, scope: WorkOrderScope = EVERY_WORK_ORDER) {
    const q = query(search, scope);
    expect(rollupFacet(q)).not.toBeNull();
    await refreshRollups(fleet.db);
    expect(await fleet.db.select().from(overviewRollupDirty)).toEqual([]);
    expect(await rollupScoreSummary(fleet.db, q, NOW)).toEqual(await scoreSummary(fleet.db, q, NOW));
    expect(await rollupTaskStats(fleet.db, q)).toEqual(await taskStats(fleet.db, q));
    expect(await rollupPeople(fleet.db, q, 'engineer')).toEqual(await technicianStats(fleet.db, q));
    const groups = await userGroupStats(fleet.db, q);
    expect(
      (await rollupPeople(fleet.db, q, 'group')).map((g) => ({ ...g, averageScore: g.averageScore && Number(g.averageScore.toFixed(6)) })),
    ).toEqual(groups.map((g) => ({ ...g, averageScore: g.averageScore && Number(g.averageScore.toFixed(6)) })));
    expect(await trend(fleet.db, q, NOW, { rolledUp: true })).toEqual(await trend(fleet.db, q, NOW));
  }

  /** Every query the rollups answer for this fleet's tags, types and groups, with and without range and review. */
  const FACET_QUERIES = [
    'tag=urgent', // E lists it twice: counted once
    'tag=night',
    'type=install',
    'type=repair&review=to_review',
    'group=g1',
    'group=g2&createdFrom=2026-03-02',
    'group=g3&review=reviewed',
    'tag=absent',
  ];

  /** Users of some teams, with and without a filter on groups, and filters on several groups. */
  const SCOPED_QUERIES: [string, WorkOrderScope][] = [
    ['', { all: false, groups: ['g2'], unassigned: false }], // B (also g1), C
    ['', { all: false, groups: ['g1', 'g3'], unassigned: false }], // A, B, E, F
    ['review=to_review', { all: false, groups: [], unassigned: true }], // D
    ['createdFrom=2026-03-02', { all: false, groups: ['g3'], unassigned: true }], // F (D is older)
    ['', { all: false, groups: [], unassigned: false }], // nothing
    ['group=g1', { all: false, groups: ['g2'], unassigned: false }], // B only
    ['group=g3&group=g2&review=to_review', { all: false, groups: ['g1', 'g2'], unassigned: true }], // C
    ['group=g1&group=g3', EVERY_WORK_ORDER],
    ['group=nobody', { all: false, groups: ['g1'], unassigned: false }],
  ];

  it('computes the median like percentile_cont', () => {
    expect(medianOfCounts([])).toBeNull();
    expect(
      medianOfCounts([
        { score: 0, n: 1 },
        { score: 33, n: 2 },
        { score: 67, n: 1 },
        { score: 100, n: 2 },
      ]),
    ).toBe(50);
    expect(medianOfCounts([{ score: 10, n: 3 }])).toBe(10);
  });

  it('agree with the live aggregates, whole fleet and creation range, and follow every write', async () => {
    await expectSameAsLive('');
    await expectSameAsLive('createdFrom=2026-03-08&createdTo=2026-03-09');
    await expectSameAsLive('review=to_review');
    await expectSameAsLive('review=reviewed&createdFrom=2026-03-09');
    // A review, a score change and a deletion: the triggers mark the days, the refresh follows.
    await fleet.db
      .update(workOrderIndex)
      .set({ reviewStatus: 'reviewed', reviewedAt: NOW })
      .where(eq(workOrderIndex.id, idOf('c')));
    await fleet.db
      .update(workOrderIndex)
      .set({ progressScore: 100 })
      .where(eq(workOrderIndex.id, idOf('e')));
    expect((await fleet.db.select().from(overviewRollupDirty)).map((row) => row.day).sort()).toEqual(['2026-03-01', '2026-03-08']);
    await expectSameAsLive('');
    await fleet.db.delete(workOrderIndex).where(eq(workOrderIndex.id, idOf('b')));
    await expectSameAsLive('');
    expect((await rollupScoreSummary(fleet.db, query(''), NOW)).kpis.workOrders).toBe(5);
  });

  it('answer one tag, type or user group (facets) exactly like the live aggregates, and follow every write', async () => {
    for (const search of FACET_QUERIES) await expectSameAsLive(search);
    expect((await rollupScoreSummary(fleet.db, query('tag=urgent'), NOW)).kpis.workOrders).toBe(2); // A, E (B deleted above)
    // Tags, types and groups change, a task row is rewritten, a work order goes: the facets follow.
    await fleet.db
      .update(workOrderIndex)
      .set({ tags: ['urgent', 'night'], workOrderTypes: [], userGroupIds: ['g3', 'g3'] })
      .where(eq(workOrderIndex.id, idOf('c')));
    await fleet.db
      .update(workOrderIndex)
      .set({ workOrderTypes: ['repair'] })
      .where(eq(workOrderIndex.id, idOf('a')));
    await indexWorkOrderTasks(fleet.db, [{ ...fleetWorkOrder(FLEET[5]), tasks: fleetWorkOrder(FLEET[5]).tasks.slice(0, 2) }]);
    for (const search of FACET_QUERIES) await expectSameAsLive(search);
    expect((await rollupScoreSummary(fleet.db, query('tag=urgent'), NOW)).kpis.workOrders).toBe(3);
    expect((await rollupTaskStats(fleet.db, query('type=install'))).tasks.find((task) => task.taskName === 'seal')).toBeUndefined(); // F lost it
    await fleet.db.delete(workOrderIndex).where(eq(workOrderIndex.id, idOf('e')));
    for (const search of FACET_QUERIES) await expectSameAsLive(search);
    expect((await rollupScoreSummary(fleet.db, query('tag=urgent'), NOW)).kpis.workOrders).toBe(2);
  });

  it('answer users of some teams exactly like the live aggregates, whatever their groups, and follow every write', async () => {
    for (const [search, scope] of SCOPED_QUERIES) await expectSameAsLive(search, scope);
    // The tests above left A (g1), C (g3 twice), D (none) and F (g3). A joins g2 as well.
    await fleet.db
      .update(workOrderIndex)
      .set({ userGroupIds: ['g2', 'g1'] })
      .where(eq(workOrderIndex.id, idOf('a')));
    const g2 = query('', { all: false, groups: ['g2'], unassigned: false });
    for (const [search, scope] of SCOPED_QUERIES) await expectSameAsLive(search, scope);
    expect((await rollupScoreSummary(fleet.db, g2, NOW)).kpis.workOrders).toBe(1);
    // A's other group never shows in a g2 user's group table; an admin filtering on g2 sees both.
    expect((await rollupPeople(fleet.db, g2, 'group')).map((row) => row.key)).toEqual(['g2']);
    expect((await rollupPeople(fleet.db, query('group=g2'), 'group')).map((row) => row.key).sort()).toEqual(['g1', 'g2']);
    // C leaves its team: unassigned now, so the g2 user still has A alone, the unassigned user C and D.
    await fleet.db
      .update(workOrderIndex)
      .set({ userGroupIds: [] })
      .where(eq(workOrderIndex.id, idOf('c')));
    for (const [search, scope] of SCOPED_QUERIES) await expectSameAsLive(search, scope);
    expect((await rollupScoreSummary(fleet.db, query('', { all: false, groups: [], unassigned: true }), NOW)).kpis.workOrders).toBe(2);
  });

  it('answer only the filters they can sum exactly', () => {
    expect(rollupFacet(query(''))).toBe('');
    expect(rollupFacet(query('review=to_review&createdFrom=2026-03-01'))).toBe('');
    expect(rollupFacet(query('tag=urgent&review=reviewed'))).toEqual({ kind: 'tag', value: 'urgent' });
    expect(rollupFacet(query('group=g1'))).toEqual({ kind: 'group', value: 'g1' });
    expect(rollupFacet(query('type=install&createdTo=2026-03-09'))).toEqual({ kind: 'type', value: 'install' });
    // Two values of a list (a work order may have both), two lists, any other filter: live.
    expect(rollupFacet(query('tag=urgent&tag=night'))).toBeNull();
    expect(rollupFacet(query('tag=urgent&type=install'))).toBeNull();
    expect(rollupFacet(query('engineer=a@x.test'))).toBeNull();
    expect(rollupFacet(query('group=g1&progressMin=10'))).toBeNull();
    // Several user groups: each work order has one set of groups, so the sets add up exactly.
    expect(rollupFacet(query('group=g1&group=g2'))).toEqual({ kind: 'groupSets', scope: null, anyGroup: ['g1', 'g2'] });
  });

  it('refuse to read a query they do not answer instead of reading the whole fleet', () => {
    expect(() => rollupWhere(query('engineer=a@x.test'))).toThrow();
  });
});

describe('the site dates the overview counts by', () => {
  it('says when some work orders carry stand-in creation or update dates', async () => {
    const query = (parseOverviewParams('') as { ok: true; params: { query: WorkOrderQuery; stuckDays: number } }).params;
    expect((await buildOverview(fleet.db, query, EVERY_WORK_ORDER, NOW)).siteDates).toEqual({ creation: true, update: true });
    await fleet.db
      .update(workOrderIndex)
      .set({ createDateKnown: false })
      .where(eq(workOrderIndex.id, idOf('c')));
    await fleet.db
      .update(workOrderIndex)
      .set({ updateDateKnown: false })
      .where(eq(workOrderIndex.id, idOf('d')));
    try {
      expect((await buildOverview(fleet.db, query, EVERY_WORK_ORDER, NOW)).siteDates).toEqual({ creation: false, update: false });
    } finally {
      await fleet.db.update(workOrderIndex).set({ createDateKnown: true, updateDateKnown: true });
    }
    expect((await buildOverview(fleet.db, query, EVERY_WORK_ORDER, NOW)).siteDates).toEqual({ creation: true, update: true });
  });
});
