/**
 * The AI's error rate as the upstream records it: every task carries the AI's value
 * (`analyzed_value`) and, once someone corrected it anywhere, the human's (`corrected_value`).
 * A correction overturns the AI when the task's verdict (validated or not, by its rules)
 * differs between the two; a correction that keeps the verdict (a count fixed from 3 to 4 on
 * a rule "at least 2") is counted apart.
 */

/** Counts over a set of tasks. Rates are over `judged`: the tasks whose AI value the rules judged. */
export interface OverturnCounts {
  /** Tasks with an AI value the task's rules give a verdict on. */
  judged: number;
  /** The AI's value validated the task; the correction does not. */
  okToKo: number;
  /** The reverse. */
  koToOk: number;
  /** Corrected, same verdict as the AI's value. */
  correctedKept: number;
  /** Every corrected task, including those without an AI verdict. */
  corrected: number;
}

export interface TaskOverturn extends OverturnCounts {
  taskGroupName: string;
  taskName: string;
}

export interface VersionOverturn extends OverturnCounts {
  /** null = work orders without an application version. */
  appVersionId: string | null;
  /** Creation date of the first work order seen with this version (the versions' order). */
  firstSeen: string | null;
}

export interface WeekOverturn extends OverturnCounts {
  /** Monday (UTC) of the week the work orders were created, YYYY-MM-DD. */
  week: string;
}

export interface DriftSide {
  judged: number;
  overturned: number;
  rate: number | null;
}

export interface TaskDrift {
  taskGroupName: string;
  taskName: string;
  before: DriftSide;
  after: DriftSide;
  /** Two-sided Fisher exact test, before any correction for the number of tasks tested. */
  pValue: number;
  /** After Holm's correction across the tasks tested. */
  adjustedPValue: number;
  drifting: boolean;
}

export interface DriftReport {
  test: 'fisher-exact-two-sided';
  correction: 'holm';
  alpha: number;
  /** Tasks judged on each side below which a task is not tested. */
  minJudged: number;
  /** null when fewer than two application versions were seen. */
  previousVersion: string | null;
  latestVersion: string | null;
  /** Every task tested, most significant first. */
  tasks: TaskDrift[];
  /** Tasks seen in both versions but with too few judged tasks on a side to test. */
  untested: number;
}

export interface AiAccuracy {
  /** The overview's list query this answers. */
  query: string;
  tasks: TaskOverturn[];
  versions: VersionOverturn[];
  weeks: WeekOverturn[];
  drift: DriftReport;
}

export function overturned(counts: Pick<OverturnCounts, 'okToKo' | 'koToOk'>): number {
  return counts.okToKo + counts.koToOk;
}

/** The overturn rate, or null without a judged task (shown as "—", never as 0 %). */
export function overturnRate(counts: Pick<OverturnCounts, 'judged' | 'okToKo' | 'koToOk'>): number | null {
  return counts.judged > 0 ? overturned(counts) / counts.judged : null;
}

export const EMPTY_COUNTS: OverturnCounts = Object.freeze({ judged: 0, okToKo: 0, koToOk: 0, correctedKept: 0, corrected: 0 });

export function addCounts(a: OverturnCounts, b: OverturnCounts): OverturnCounts {
  return {
    judged: a.judged + b.judged,
    okToKo: a.okToKo + b.okToKo,
    koToOk: a.koToOk + b.koToOk,
    correctedKept: a.correctedKept + b.correctedKept,
    corrected: a.corrected + b.corrected,
  };
}

/**
 * A p-value as "about 1 time in n" (n rounded to two significant digits), or "less than 1 time
 * in 1 000" below 0.001: what supervisors read instead of a p-value.
 */
export function chanceInWords(p: number): { below: boolean; n: number } {
  if (p < 0.001) return { below: true, n: 1_000 };
  const n = 1 / p;
  const magnitude = 10 ** Math.max(0, Math.floor(Math.log10(n)) - 1);
  return { below: false, n: Math.max(1, Math.round(n / magnitude) * magnitude) };
}

/** A version id short enough for a sentence (the tables show it whole). */
export function shortVersion(id: string): string {
  return id.length > 12 ? `${id.slice(0, 8)}…` : id;
}
