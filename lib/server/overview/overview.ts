import 'server-only';
import type { Db } from '@/lib/server/db/client';
import { overviewSearchParams, type Overview, type OverviewParams } from '@/lib/shared/overview';
import { scoreSummary, stuckWorkOrders, taskStats, technicianStats, userGroupStats } from './aggregates';
import { rollupPeople, rollupScoreSummary, rollupTaskStats } from './rollup-reads';
import { refreshRollups, rollupApplies } from './rollups';
import { trend } from './trend';

/**
 * Every aggregate of the overview for one filter (from the daily rollups when the filter allows,
 * else live over the index). Sequential on purpose: one database
 * connection (PGlite runs one statement at a time anyway), and a page load is one call.
 */
export async function buildOverview(db: Db, params: OverviewParams, now = new Date()): Promise<Omit<Overview, 'lastSyncedAt'>> {
  const { query, stuckDays } = params;
  // The whole fleet, a creation range, a review state: the daily rollups (refreshed first) answer fast.
  const rolledUp = rollupApplies(query);
  if (rolledUp) await refreshRollups(db);
  const summary = rolledUp ? await rollupScoreSummary(db, query, now) : await scoreSummary(db, query, now);
  const trendData = await trend(db, query, now);
  const stuck = await stuckWorkOrders(db, query, stuckDays, now);
  const tasks = rolledUp ? await rollupTaskStats(db, query) : await taskStats(db, query);
  const technicians = rolledUp ? await rollupPeople(db, query, 'engineer') : await technicianStats(db, query);
  const userGroups = rolledUp ? await rollupPeople(db, query, 'group') : await userGroupStats(db, query);
  return {
    asOf: now.toISOString(),
    query: overviewSearchParams(params).toString(),
    stuckDays,
    ...summary,
    trend: trendData,
    stuck,
    ...tasks,
    technicians,
    userGroups,
  };
}
