import 'server-only';
import type { Db } from '@/lib/server/db/client';
import type { AiAccuracy, VersionOverturn, WeekOverturn } from '@/lib/shared/ai-accuracy';
import type { ScopedQuery } from '@/lib/server/index/search';
import { detectDrift, type DriftOptions } from './drift';
import { overturnRows, sumBy, tasksFromRows, versionsFirstSeen } from './overturn-rates';

/** The most recent weeks the overview shows (two years). */
export const WEEKS_SHOWN = 104;

/**
 * The overview's "AI accuracy" section for one filter: overturn counts per task, per
 * application version (in the order they were first seen) and per creation week, and the
 * drift alarm between the two newest versions among the matching work orders.
 */
export async function aiAccuracy(db: Db, query: ScopedQuery, queryString: string, options: DriftOptions = {}): Promise<AiAccuracy> {
  const rows = await overturnRows(db, query);
  const firstSeen = new Map((await versionsFirstSeen(db)).map((version) => [version.appVersionId, version.firstSeen]));
  const order = (id: string | null) => (id === null ? '' : (firstSeen.get(id) ?? '9999'));
  const versions: VersionOverturn[] = sumBy(
    rows,
    (row) => row.appVersionId ?? '',
    (row) => ({ appVersionId: row.appVersionId, firstSeen: row.appVersionId === null ? null : (firstSeen.get(row.appVersionId) ?? null) }),
  ).sort((a, b) => order(a.appVersionId).localeCompare(order(b.appVersionId)) || (a.appVersionId ?? '').localeCompare(b.appVersionId ?? ''));
  const weeks: WeekOverturn[] = sumBy(
    rows,
    (row) => row.week,
    (row) => ({ week: row.week }),
  )
    .sort((a, b) => a.week.localeCompare(b.week))
    .slice(-WEEKS_SHOWN);
  const perTaskAndVersion = sumBy(
    rows,
    (row) => JSON.stringify([row.taskGroupName, row.taskName, row.appVersionId]),
    (row) => ({ taskGroupName: row.taskGroupName, taskName: row.taskName, appVersionId: row.appVersionId }),
  );
  return {
    query: queryString,
    tasks: tasksFromRows(rows),
    versions,
    weeks,
    drift: detectDrift(
      perTaskAndVersion,
      versions.map((version) => version.appVersionId),
      options,
    ),
  };
}
