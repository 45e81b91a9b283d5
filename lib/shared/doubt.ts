/**
 * The review queue's doubt score: how much a supervisor should doubt a work order's AI
 * verdicts, so the list can show the most doubtful first. Each component turns one thing we
 * know into points, a weight times a count or a rate; the score is their sum, rounded.
 *
 * | Component | Points | Why |
 * |---|---|---|
 * | `conformityErrors` | weight × photos whose analysis ended in a conformity error (at most 4) | the AI could not judge them |
 * | `conformityWarnings` | weight × conformity warnings on the photos (at most 5) | duplicates, blur, wrong framing |
 * | `tasksNotValidated` | weight × tasks analysed and not validated (at most 10) | work left to redo or to excuse |
 * | `tasksNotAnalyzed` | weight × tasks never analysed (at most 10) | no AI verdict at all |
 * | `overturnRisk` | weight × the sum, over tasks whose AI verdict stands (analysed, not corrected), of how often the AI's verdict on a task of that name is overturned by a correction across the site (sum at most 3) | verdicts likely wrong |
 * | `engineer` | weight × the field engineer's share of recent work orders (30 days) with a retake or a correction | a pattern of redone work |
 * | `photoDisagreement` | weight × task groups whose photos got disagreeing verdicts | always 0: the v0.2 API gives a verdict per task, not per photo |
 *
 * Rates count only with enough behind them (see `MIN_TASK_SAMPLE`, `MIN_ENGINEER_SAMPLE`).
 * Admins tune the weights on the admin page (0 switches a component off); a change recomputes
 * every score.
 */

export const DOUBT_COMPONENTS = [
  'conformityErrors',
  'conformityWarnings',
  'tasksNotValidated',
  'tasksNotAnalyzed',
  'overturnRisk',
  'engineer',
  'photoDisagreement',
] as const;
export type DoubtComponent = (typeof DOUBT_COMPONENTS)[number];

export type DoubtWeights = Record<DoubtComponent, number>;

/** Points per unit (per photo, warning, task or task group; per whole rate for the rates). */
export const DEFAULT_DOUBT_WEIGHTS: Readonly<DoubtWeights> = Object.freeze({
  conformityErrors: 25,
  conformityWarnings: 8,
  tasksNotValidated: 12,
  tasksNotAnalyzed: 6,
  overturnRisk: 50,
  engineer: 40,
  photoDisagreement: 20,
});

export const MAX_DOUBT_WEIGHT = 1_000;

/** AI verdicts on a task name needed before its overturn rate counts (fewer: 0, too noisy to accuse). */
export const MIN_TASK_SAMPLE = 10;
/** Recent work orders of an engineer needed before their rate counts. */
export const MIN_ENGINEER_SAMPLE = 5;
/** What "recent" means for an engineer's rate. */
export const ENGINEER_WINDOW_DAYS = 30;

/** Stored weights over the defaults: a component added later starts at its default. */
export function withDefaultWeights(stored: Partial<Record<string, unknown>> | null | undefined): DoubtWeights {
  const weights = { ...DEFAULT_DOUBT_WEIGHTS };
  for (const component of DOUBT_COMPONENTS) {
    const value = stored?.[component];
    if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_DOUBT_WEIGHT) weights[component] = value;
  }
  return weights;
}

/**
 * Why a work order ranks where it does: one component, its points and the figure behind them,
 * rendered in words by the list (`workOrders.doubt.reasons.<code>`). Codes and numbers only, so
 * every locale words them its own way.
 */
export type DoubtReason =
  | {
      code: 'conformityErrors' | 'conformityWarnings' | 'tasksNotValidated' | 'tasksNotAnalyzed' | 'photoDisagreement';
      points: number;
      count: number;
    }
  | { code: 'overturnRisk'; points: number; taskGroupName: string; taskName: string; percent: number }
  | { code: 'engineer'; points: number; percent: number };

/** The reasons shown per row. */
export const SHOWN_REASONS = 2;

/** The list's "Most doubtful first" order, and the built-in "Review queue" view's query. */
export const DOUBT_SORT = 'doubtScore' as const;
export const REVIEW_QUEUE_QUERY = `sort=-${DOUBT_SORT}`;

/** The admin page's weights: those in force, the defaults, who changed them last. */
export interface DoubtWeightsDto {
  weights: DoubtWeights;
  defaults: DoubtWeights;
  updatedBy: string | null;
  updatedAt: string | null;
  /** Scores are being recomputed with these weights in the background. */
  rescoring: boolean;
}
