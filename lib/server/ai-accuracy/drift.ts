import { overturned, type DriftReport, type DriftSide, type OverturnCounts, type TaskDrift } from '@/lib/shared/ai-accuracy';
import { fisherExactTwoSided, holmAdjust } from './statistics';

/** Counts of one task in one application version. */
export interface TaskVersionCounts extends OverturnCounts {
  taskGroupName: string;
  taskName: string;
  appVersionId: string | null;
}

export interface DriftOptions {
  /** Family-wise error rate across the tasks tested (Holm). */
  alpha?: number;
  /** Judged tasks needed on each side for a task to be tested. */
  minJudged?: number;
}

export const DRIFT_ALPHA = 0.05;
export const DRIFT_MIN_JUDGED = 20;

function side(counts: OverturnCounts | undefined): DriftSide {
  const judged = counts?.judged ?? 0;
  const overturnedCount = counts ? overturned(counts) : 0;
  return { judged, overturned: overturnedCount, rate: judged > 0 ? overturnedCount / judged : null };
}

/**
 * Whether each task's overturn rate changed between the previous and the latest application
 * version (`versions`, oldest first) beyond what chance explains. Per task: a two-sided
 * Fisher exact test on (overturned, not overturned) × (previous, latest), exact at small
 * counts; tasks with fewer than `minJudged` judged tasks on a side are not tested. Across the
 * tasks tested, Holm's correction keeps the chance of any false alarm under `alpha`.
 *
 * Returns structured results only: whoever wants to raise an alarm (the overview, a webhook)
 * reads `tasks.filter((task) => task.drifting)`.
 */
export function detectDrift(rows: readonly TaskVersionCounts[], versions: readonly (string | null)[], options: DriftOptions = {}): DriftReport {
  const alpha = options.alpha ?? DRIFT_ALPHA;
  const minJudged = options.minJudged ?? DRIFT_MIN_JUDGED;
  const known = versions.filter((version): version is string => version !== null);
  const latestVersion = known.at(-1) ?? null;
  const previousVersion = known.at(-2) ?? null;
  const report: DriftReport = {
    test: 'fisher-exact-two-sided',
    correction: 'holm',
    alpha,
    minJudged,
    previousVersion,
    latestVersion,
    tasks: [],
    untested: 0,
  };
  if (latestVersion === null || previousVersion === null) return report;

  const byTask = new Map<string, { taskGroupName: string; taskName: string; before?: OverturnCounts; after?: OverturnCounts }>();
  for (const row of rows) {
    if (row.appVersionId !== latestVersion && row.appVersionId !== previousVersion) continue;
    const key = JSON.stringify([row.taskGroupName, row.taskName]);
    const entry = byTask.get(key) ?? { taskGroupName: row.taskGroupName, taskName: row.taskName };
    if (row.appVersionId === latestVersion) entry.after = row;
    else entry.before = row;
    byTask.set(key, entry);
  }

  const tested: Omit<TaskDrift, 'adjustedPValue' | 'drifting'>[] = [];
  for (const entry of byTask.values()) {
    if (!entry.before || !entry.after) continue;
    const before = side(entry.before);
    const after = side(entry.after);
    if (before.judged < minJudged || after.judged < minJudged) {
      report.untested += 1;
      continue;
    }
    const pValue = fisherExactTwoSided(before.overturned, before.judged - before.overturned, after.overturned, after.judged - after.overturned);
    tested.push({ taskGroupName: entry.taskGroupName, taskName: entry.taskName, before, after, pValue });
  }
  const adjusted = holmAdjust(tested.map((task) => task.pValue));
  report.tasks = tested
    .map((task, i) => ({ ...task, adjustedPValue: adjusted[i], drifting: adjusted[i] < alpha }))
    .sort((a, b) => a.adjustedPValue - b.adjustedPValue || a.taskGroupName.localeCompare(b.taskGroupName) || a.taskName.localeCompare(b.taskName));
  return report;
}
