import { describe, expect, it } from 'vitest';
import { detectDrift, type TaskVersionCounts } from './drift';

function counts(taskName: string, appVersionId: string | null, judged: number, okToKo: number, koToOk = 0): TaskVersionCounts {
  return { taskGroupName: 'front', taskName, appVersionId, judged, okToKo, koToOk, correctedKept: 0, corrected: okToKo + koToOk };
}

describe('detectDrift', () => {
  it('flags a task whose overturn rate jumped in the latest version, and not one that stayed', () => {
    const report = detectDrift(
      [
        counts('cable', 'v1', 40, 2), // 5 %
        counts('cable', 'v2', 40, 14, 2), // 40 %
        counts('label', 'v1', 40, 4),
        counts('label', 'v2', 40, 5),
      ],
      ['v1', 'v2'],
    );
    expect(report).toMatchObject({ test: 'fisher-exact-two-sided', correction: 'holm', previousVersion: 'v1', latestVersion: 'v2', untested: 0 });
    const [cable, label] = report.tasks;
    expect(cable).toMatchObject({
      taskName: 'cable',
      before: { judged: 40, overturned: 2, rate: 0.05 },
      after: { judged: 40, overturned: 16, rate: 0.4 },
    });
    expect(cable.drifting).toBe(true);
    // Holm with two tests: the smallest p-value is doubled.
    expect(cable.adjustedPValue).toBeCloseTo(Math.min(1, 2 * cable.pValue), 12);
    expect(cable.pValue).toBeCloseTo(0.000296651, 8); // scipy.stats.fisher_exact([[2, 38], [16, 24]])
    expect(label).toMatchObject({ taskName: 'label', drifting: false });
  });

  it('compares only the two newest versions, in the order given (first seen), not alphabetical', () => {
    const report = detectDrift([counts('cable', 'b', 30, 0), counts('cable', 'a', 30, 15), counts('cable', 'c', 30, 15)], ['b', 'c', 'a']);
    expect(report).toMatchObject({ previousVersion: 'c', latestVersion: 'a' });
    expect(report.tasks[0]).toMatchObject({ before: { overturned: 15 }, after: { overturned: 15 }, drifting: false });
  });

  it('leaves out tasks with too few judged tasks on a side, and counts them', () => {
    const report = detectDrift([counts('cable', 'v1', 19, 0), counts('cable', 'v2', 100, 90), counts('label', 'v2', 50, 1)], ['v1', 'v2']);
    expect(report.tasks).toEqual([]);
    expect(report.untested).toBe(1); // label was not seen in v1: nothing to compare, not "untested"
  });

  it('a difference that a single task would flag is not an alarm once many tasks are tested (Holm)', () => {
    // p ≈ 0.031 alone: under 0.05, but not after correcting for 5 tests.
    const rows = [counts('t0', 'v1', 20, 2), counts('t0', 'v2', 20, 9)];
    for (let i = 1; i < 5; i += 1) rows.push(counts(`t${i}`, 'v1', 20, 3), counts(`t${i}`, 'v2', 20, 3));
    const alone = detectDrift(rows.slice(0, 2), ['v1', 'v2']);
    expect(alone.tasks[0]).toMatchObject({ drifting: true });
    expect(alone.tasks[0].pValue).toBeCloseTo(0.030950305, 6);
    const many = detectDrift(rows, ['v1', 'v2']);
    expect(many.tasks[0]).toMatchObject({ taskName: 't0', drifting: false });
    expect(many.tasks[0].adjustedPValue).toBeCloseTo(5 * 0.030950305, 6);
  });

  it('says nothing with fewer than two versions (work orders without a version do not count as one)', () => {
    expect(detectDrift([counts('cable', 'v1', 50, 10), counts('cable', null, 50, 40)], [null, 'v1'])).toMatchObject({
      previousVersion: null,
      latestVersion: 'v1',
      tasks: [],
    });
  });

  it('takes a stricter alpha and sample size when asked', () => {
    const rows = [counts('cable', 'v1', 40, 2), counts('cable', 'v2', 40, 16)];
    expect(detectDrift(rows, ['v1', 'v2'], { alpha: 0.0001 }).tasks[0].drifting).toBe(false);
    expect(detectDrift(rows, ['v1', 'v2'], { minJudged: 41 }).untested).toBe(1);
  });
});
