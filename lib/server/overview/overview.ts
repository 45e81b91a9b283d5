import 'server-only';
import type { Db } from '@/lib/server/db/client';
import { scoped } from '@/lib/server/index/search';
import type { WorkOrderScope } from '@/lib/shared/work-order-scope';
import { overviewSearchParams, type Overview, type OverviewParams } from '@/lib/shared/overview';
import { liveOverview, stuckWorkOrders } from './aggregates';
import { siteDates } from './site-dates';
import { rollupFleetSize, rollupPeople, rollupScoreSummary, rollupTaskStats } from './rollup-reads';
import { refreshRollups, rollupApplies } from './rollups';
import { addDays } from './snapshots';
import { trend, trendFromRows, trendWindow } from './trend';

/**
 * Every aggregate of the overview for one filter. The whole fleet or one tag / type / user
 * group, a creation range, a review state, for any user (a user of some teams reads the rollups
 * of the sets of user groups that meet theirs): the daily rollups (refreshed first) answer, a few
 * small statements in sequence (one database connection; PGlite runs one statement at a time
 * anyway). Any other filter: one statement over the matching work orders of the scope
 * (`liveOverview`).
 */
export async function buildOverview(
  db: Db,
  params: OverviewParams,
  scope: WorkOrderScope,
  now = new Date(),
): Promise<Omit<Overview, 'lastSyncedAt'>> {
  const { stuckDays } = params;
  // Every figure, chart and click-through below counts only the work orders of the user's teams.
  const query = scoped(params.query, scope);
  const head = { asOf: now.toISOString(), query: overviewSearchParams(params).toString(), stuckDays, siteDates: await siteDates(db) };
  if (!rollupApplies(query)) {
    const window = trendWindow(query, now);
    const live = await liveOverview(db, query, { now, stuckDays, trendFrom: window.from, trendTo: window.to, trendNextDay: addDays(window.to, 1) });
    return {
      ...head,
      kpis: live.kpis,
      histogram: live.histogram,
      trend: trendFromRows(window.from, window.to, live.trendRows),
      stuck: live.stuck,
      taskGroups: live.taskGroups,
      tasks: live.tasks,
      overturnByVersion: live.overturnByVersion,
      technicians: live.technicians,
      userGroups: live.userGroups,
    };
  }
  await refreshRollups(db);
  const summary = await rollupScoreSummary(db, query, now);
  const trendData = await trend(db, query, now, { rolledUp: true });
  // Stuck work orders are looked for in update order when at least a tenth of the fleet matches
  // (a walk of the oldest then holds a page of them, unless the filter follows the update date:
  // then the walk gives up and the matching work orders are read), else among the matching ones.
  const walkFirst = summary.kpis.workOrders * 10 >= (await rollupFleetSize(db));
  const stuck = await stuckWorkOrders(db, query, stuckDays, now, { walkFirst });
  const tasks = await rollupTaskStats(db, query);
  const technicians = await rollupPeople(db, query, 'engineer');
  const userGroups = await rollupPeople(db, query, 'group');
  return { ...head, ...summary, trend: trendData, stuck, ...tasks, technicians, userGroups };
}
