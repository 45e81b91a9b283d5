import { describe, expect, it } from 'vitest';
import { fisherExactTwoSided, holmAdjust } from './statistics';

describe('fisherExactTwoSided', () => {
  // Reference values from SciPy 1.17: scipy.stats.fisher_exact([[a, b], [c, d]]).pvalue (R's fisher.test agrees).
  it.each([
    // Fisher's lady tasting tea.
    [3, 1, 1, 3, 0.4857142857],
    [1, 9, 11, 3, 0.002759456],
    [0, 10, 10, 0, 1.082509e-5],
    [2, 18, 9, 11, 0.030950305],
    [10, 90, 12, 88, 0.821748516],
    [5, 0, 0, 5, 0.007936508],
  ])('[[%i, %i], [%i, %i]] → p = %f', (a, b, c, d, expected) => {
    expect(fisherExactTwoSided(a, b, c, d)).toBeCloseTo(expected, 6);
  });

  it('is 1 when a margin is empty (nothing to compare)', () => {
    expect(fisherExactTwoSided(0, 0, 3, 4)).toBe(1);
    expect(fisherExactTwoSided(0, 5, 0, 7)).toBe(1);
  });

  it('is symmetric in the rows (before/after swapped: same p)', () => {
    expect(fisherExactTwoSided(2, 18, 9, 11)).toBeCloseTo(fisherExactTwoSided(9, 11, 2, 18), 12);
  });

  it('stays finite for large samples', () => {
    const p = fisherExactTwoSided(300, 9_700, 450, 9_550);
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThan(1e-6);
  });

  it('refuses what is not a count', () => {
    expect(() => fisherExactTwoSided(1.5, 2, 3, 4)).toThrow(RangeError);
    expect(() => fisherExactTwoSided(-1, 2, 3, 4)).toThrow(RangeError);
  });
});

describe('holmAdjust', () => {
  it('matches R’s p.adjust(method = "holm"), in the input order', () => {
    // p.adjust(c(0.01, 0.04, 0.03, 0.005), "holm") = 0.03 0.06 0.06 0.02
    const adjusted = holmAdjust([0.01, 0.04, 0.03, 0.005]);
    [0.03, 0.06, 0.06, 0.02].forEach((expected, i) => expect(adjusted[i]).toBeCloseTo(expected, 12));
  });

  it('caps at 1 and leaves a single test alone', () => {
    expect(holmAdjust([0.6, 0.7])).toEqual([1, 1]);
    expect(holmAdjust([0.2])).toEqual([0.2]);
    expect(holmAdjust([])).toEqual([]);
  });
});
