import 'server-only';
import type { Db } from '@/lib/server/db/client';
import { overviewSearchParams, type Overview, type OverviewParams } from '@/lib/shared/overview';
import { scoreSummary, stuckWorkOrders, taskStats, technicianStats, userGroupStats } from './aggregates';
import { trend } from './trend';

/**
 * Every aggregate of the overview for one filter. Sequential on purpose: one database
 * connection (PGlite runs one statement at a time anyway), and a page load is one call.
 */
export async function buildOverview(db: Db, params: OverviewParams, now = new Date()): Promise<Omit<Overview, 'lastSyncedAt'>> {
  const { query, stuckDays } = params;
  const summary = await scoreSummary(db, query, now);
  const trendData = await trend(db, query, now);
  const stuck = await stuckWorkOrders(db, query, stuckDays, now);
  const tasks = await taskStats(db, query);
  const technicians = await technicianStats(db, query);
  const userGroups = await userGroupStats(db, query);
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
