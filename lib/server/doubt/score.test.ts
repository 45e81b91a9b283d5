import { describe, expect, it } from 'vitest';
import { DEFAULT_DOUBT_WEIGHTS, withDefaultWeights } from '@/lib/shared/doubt';
import { doubtOf, type DoubtFacts } from './score';

const NOTHING: DoubtFacts = {
  conformityErrors: 0,
  conformityWarnings: 0,
  tasksNotValidated: 0,
  tasksNotAnalyzed: 0,
  standingVerdicts: [],
  engineerPercent: null,
  photoDisagreements: null,
};

describe('doubtOf', () => {
  it('gives nothing to doubt a score of 0 and no reason', () => {
    expect(doubtOf(NOTHING, DEFAULT_DOUBT_WEIGHTS)).toEqual({ score: 0, reasons: [] });
  });

  it('treats unknown facts as contributing nothing', () => {
    const unknown: DoubtFacts = { ...NOTHING, conformityErrors: null, conformityWarnings: null, tasksNotValidated: null, tasksNotAnalyzed: null };
    expect(doubtOf(unknown, DEFAULT_DOUBT_WEIGHTS).score).toBe(0);
  });

  it('adds weight × count per component and names the two heaviest, heaviest first', () => {
    const doubt = doubtOf({ ...NOTHING, conformityErrors: 1, conformityWarnings: 1, tasksNotValidated: 3 }, DEFAULT_DOUBT_WEIGHTS);
    expect(doubt.score).toBe(25 + 8 + 36);
    expect(doubt.reasons).toEqual([
      { code: 'tasksNotValidated', points: 36, count: 3 },
      { code: 'conformityErrors', points: 25, count: 1 },
    ]);
  });

  it('caps a count so one kind of trouble cannot bury the others, and reports the real count', () => {
    const doubt = doubtOf({ ...NOTHING, tasksNotAnalyzed: 40 }, DEFAULT_DOUBT_WEIGHTS);
    expect(doubt.score).toBe(6 * 10);
    expect(doubt.reasons[0]).toEqual({ code: 'tasksNotAnalyzed', points: 60, count: 40 });
  });

  it('sums overturn rates of standing verdicts and names the riskiest task', () => {
    const doubt = doubtOf(
      {
        ...NOTHING,
        standingVerdicts: [
          { taskGroupName: 'Meter', taskName: 'Seal', overturnPercent: 40 },
          { taskGroupName: 'Meter', taskName: 'Label', overturnPercent: 10 },
          { taskGroupName: 'Cabinet', taskName: 'Door', overturnPercent: null },
        ],
      },
      DEFAULT_DOUBT_WEIGHTS,
    );
    expect(doubt.score).toBe(25); // 50 × (0.4 + 0.1)
    expect(doubt.reasons).toEqual([{ code: 'overturnRisk', points: 25, taskGroupName: 'Meter', taskName: 'Seal', percent: 40 }]);
  });

  it('weighs the engineer by their recent retake-or-correction rate', () => {
    expect(doubtOf({ ...NOTHING, engineerPercent: 50 }, DEFAULT_DOUBT_WEIGHTS).reasons).toEqual([{ code: 'engineer', points: 20, percent: 50 }]);
  });

  it('counts disagreeing photos when known, and nothing when the upstream does not say', () => {
    expect(doubtOf({ ...NOTHING, photoDisagreements: 2 }, DEFAULT_DOUBT_WEIGHTS).score).toBe(40);
    expect(doubtOf({ ...NOTHING, photoDisagreements: null }, DEFAULT_DOUBT_WEIGHTS).score).toBe(0);
  });

  it('follows the weights: 0 switches a component off, a heavier one changes the ranking', () => {
    const facts = { ...NOTHING, conformityErrors: 1, tasksNotValidated: 1 };
    expect(doubtOf(facts, { ...DEFAULT_DOUBT_WEIGHTS, conformityErrors: 0 })).toEqual({
      score: 12,
      reasons: [{ code: 'tasksNotValidated', points: 12, count: 1 }],
    });
    expect(doubtOf(facts, { ...DEFAULT_DOUBT_WEIGHTS, tasksNotValidated: 100 }).reasons[0].code).toBe('tasksNotValidated');
  });
});

describe('withDefaultWeights', () => {
  it('keeps valid stored weights and falls back to the default for missing or bad ones', () => {
    expect(withDefaultWeights({ engineer: 7, overturnRisk: -1, tasksNotAnalyzed: 2.5 })).toEqual({ ...DEFAULT_DOUBT_WEIGHTS, engineer: 7 });
    expect(withDefaultWeights(null)).toEqual(DEFAULT_DOUBT_WEIGHTS);
  });
});
