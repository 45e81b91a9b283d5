import { SHOWN_REASONS, type DoubtReason, type DoubtWeights } from '@/lib/shared/doubt';

/** Caps on the counts, so one kind of trouble cannot bury every other. */
const CAPS = {
  conformityErrors: 4,
  conformityWarnings: 5,
  tasksNotValidated: 10,
  tasksNotAnalyzed: 10,
  photoDisagreement: 5,
} as const;
const MAX_OVERTURN_SUM = 3;

/** A task whose AI verdict stands (analysed by the AI, not corrected) and how often its kind is overturned. */
export interface StandingVerdict {
  taskGroupName: string;
  taskName: string;
  /** Site-wide share of this task's AI verdicts overturned by a correction, 0–100; null = too few to tell. */
  overturnPercent: number | null;
}

/** What we know of one work order, as the score needs it. Null = not known (contributes nothing). */
export interface DoubtFacts {
  conformityErrors: number | null;
  conformityWarnings: number | null;
  tasksNotValidated: number | null;
  tasksNotAnalyzed: number | null;
  standingVerdicts: readonly StandingVerdict[];
  /** The engineer's recent retake-or-correction rate, 0–100; null = no engineer or too few work orders. */
  engineerPercent: number | null;
  /** Task groups whose photos got disagreeing verdicts; null = the upstream does not say (v0.2). */
  photoDisagreements: number | null;
}

export interface Doubt {
  score: number;
  /** The components that weigh most, heaviest first (at most `SHOWN_REASONS`). */
  reasons: DoubtReason[];
}

function counted(code: keyof typeof CAPS, value: number | null, weight: number): DoubtReason | null {
  if (value === null || value <= 0) return null;
  const points = weight * Math.min(value, CAPS[code]);
  return points > 0 ? { code, points, count: value } : null;
}

/**
 * The doubt score of one work order and its top reasons. Pure: the weights and the site-wide
 * rates are passed in (see `lib/shared/doubt.ts` for what each component means).
 */
export function doubtOf(facts: DoubtFacts, weights: DoubtWeights): Doubt {
  const reasons: DoubtReason[] = [];
  const push = (reason: DoubtReason | null) => {
    if (reason) reasons.push(reason);
  };
  push(counted('conformityErrors', facts.conformityErrors, weights.conformityErrors));
  push(counted('conformityWarnings', facts.conformityWarnings, weights.conformityWarnings));
  push(counted('tasksNotValidated', facts.tasksNotValidated, weights.tasksNotValidated));
  push(counted('tasksNotAnalyzed', facts.tasksNotAnalyzed, weights.tasksNotAnalyzed));
  push(counted('photoDisagreement', facts.photoDisagreements, weights.photoDisagreement));

  let riskiest: StandingVerdict | null = null;
  let overturnSum = 0;
  for (const verdict of facts.standingVerdicts) {
    if (verdict.overturnPercent === null || verdict.overturnPercent <= 0) continue;
    overturnSum += verdict.overturnPercent / 100;
    if (riskiest === null || verdict.overturnPercent > riskiest.overturnPercent!) riskiest = verdict;
  }
  const overturnPoints = weights.overturnRisk * Math.min(overturnSum, MAX_OVERTURN_SUM);
  if (riskiest && overturnPoints > 0) {
    reasons.push({
      code: 'overturnRisk',
      points: round(overturnPoints),
      taskGroupName: riskiest.taskGroupName,
      taskName: riskiest.taskName,
      percent: riskiest.overturnPercent!,
    });
  }
  if (facts.engineerPercent !== null && facts.engineerPercent > 0) {
    const points = (weights.engineer * facts.engineerPercent) / 100;
    if (points > 0) reasons.push({ code: 'engineer', points: round(points), percent: facts.engineerPercent });
  }

  const score = Math.round(reasons.reduce((sum, reason) => sum + reason.points, 0));
  // Heaviest first; a tie keeps the order above (the work order's own facts before site-wide rates).
  const shown = reasons
    .map((reason, order) => ({ reason, order }))
    .sort((a, b) => b.reason.points - a.reason.points || a.order - b.order)
    .slice(0, SHOWN_REASONS)
    .map(({ reason }) => reason);
  return { score, reasons: shown };
}

function round(points: number): number {
  return Math.round(points * 10) / 10;
}
