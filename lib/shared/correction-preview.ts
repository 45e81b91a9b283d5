/**
 * What a correction would change, computed before it is sent so the supervisor sees it: the
 * task's message, colour and validation, and the work order's `progress_score` — with the
 * same rule code the simulator uses (`progress-score.ts`).
 */
import { effectiveValue, evaluateTask, progressScore, type TaskValue } from './progress-score';
import { allTasks, toScoredTask, type TaskDto, type WorkOrderDto } from './work-order-dto';

export interface TaskOutcome {
  value: TaskValue | null;
  message: string | null;
  color: string | null;
  validated: boolean;
}

export interface CorrectionPreview {
  before: TaskOutcome;
  after: TaskOutcome;
  scoreBefore: number;
  scoreAfter: number;
  /**
   * True when our formula does not reproduce the score the upstream reports (its
   * aggregation may differ): the new score is then shown as an estimate.
   */
  scoreIsEstimate: boolean;
  countedInScore: boolean;
}

const COLOR = /^#[0-9a-fA-F]{6}$/;

function outcomeOf(task: TaskDto, value: TaskValue | null): TaskOutcome {
  const evaluation = evaluateTask(toScoredTask(task), value);
  return {
    value,
    message: evaluation.message,
    color: evaluation.color && COLOR.test(evaluation.color) ? evaluation.color : null,
    validated: evaluation.is_conformity_validated,
  };
}

export function previewCorrection(workOrder: Pick<WorkOrderDto, 'taskGroups' | 'progressScore'>, task: TaskDto, value: TaskValue): CorrectionPreview {
  const tasks = allTasks(workOrder);
  const scored = tasks.map(toScoredTask);
  const corrected = tasks.map((t) => {
    const scoredTask = toScoredTask(t);
    if (t.id !== task.id) return scoredTask;
    return { ...scoredTask, state: { analyzed_value: t.state?.analyzedValue ?? null, corrected_value: value } };
  });
  const computedBefore = progressScore(scored);
  const computedAfter = progressScore(corrected);
  const scoreIsEstimate = computedBefore !== workOrder.progressScore;
  const current = task.state ? effectiveValue({ analyzed_value: task.state.analyzedValue, corrected_value: task.state.correctedValue }) : null;
  return {
    before: {
      value: current,
      // What the page shows now is what the upstream said, not our recomputation.
      message: task.state?.message ?? null,
      color: task.state?.color ?? null,
      validated: task.validated,
    },
    after: outcomeOf(task, value),
    scoreBefore: workOrder.progressScore,
    scoreAfter: scoreIsEstimate ? Math.max(0, Math.min(100, workOrder.progressScore + computedAfter - computedBefore)) : computedAfter,
    scoreIsEstimate,
    countedInScore: task.countedInScore,
  };
}
