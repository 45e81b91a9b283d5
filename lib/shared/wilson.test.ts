import { describe, expect, it } from 'vitest';
import { Z_95, additionalNeeded, wilsonHalfWidth, wilsonInterval } from './wilson';

describe('wilsonInterval', () => {
  it.each([
    // Published 95 % Wilson intervals (e.g. Newcombe 1998, Brown–Cai–DasGupta 2001).
    [0, 10, 0, 0.2775],
    [10, 10, 0.7225, 1],
    [10, 100, 0.0552, 0.1744],
    [1, 29, 0.0061, 0.1718],
    [81, 263, 0.2553, 0.3662],
  ])('%i of %i → [%f, %f]', (k, n, low, high) => {
    const interval = wilsonInterval(k, n);
    expect(interval.estimate).toBeCloseTo(k / n, 10);
    expect(interval.low).toBeCloseTo(low, 4);
    expect(interval.high).toBeCloseTo(high, 4);
  });

  it('knows nothing without observations', () => {
    expect(wilsonInterval(0, 0)).toEqual({ estimate: 0, low: 0, high: 1 });
  });

  it('always contains the estimate, never leaves [0, 1]', () => {
    for (const [k, n] of [
      [0, 1],
      [1, 1],
      [3, 7],
      [999, 1000],
    ]) {
      const { estimate, low, high } = wilsonInterval(k, n);
      expect(low).toBeGreaterThanOrEqual(0);
      expect(high).toBeLessThanOrEqual(1);
      expect(low).toBeLessThanOrEqual(estimate);
      expect(high).toBeGreaterThanOrEqual(estimate);
    }
  });
});

/** The same count from the closed form: z²(p(1−p)n + z²/4) ≤ t²(n + z²)², solved for n. */
function closedFormTotal(p: number, target: number): number {
  const z2 = Z_95 * Z_95;
  const a = target * target;
  const b = 2 * a * z2 - z2 * p * (1 - p);
  const c = a * z2 * z2 - (z2 * z2) / 4;
  return Math.ceil((-b + Math.sqrt(b * b - 4 * a * c)) / (2 * a));
}

describe('additionalNeeded', () => {
  it('assumes 0.5 before the first check: the largest count there is', () => {
    const needed = additionalNeeded(0, 0);
    expect(needed).toBe(closedFormTotal(0.5, 0.02));
    expect(needed).toBeGreaterThan(2390);
    expect(needed).toBeLessThan(2401);
  });

  it('counts from the current estimate, minus what is already there', () => {
    // 3 of 50: p = 0.06.
    const needed = additionalNeeded(3, 50);
    expect(needed).toBe(closedFormTotal(0.06, 0.02) - 50);
    expect(wilsonHalfWidth(0.06, 50 + needed)).toBeLessThanOrEqual(0.02);
    expect(wilsonHalfWidth(0.06, 50 + needed - 1)).toBeGreaterThan(0.02);
  });

  it('is 0 once the interval is narrow enough', () => {
    expect(additionalNeeded(0, 200)).toBe(0);
    expect(additionalNeeded(50, 5000)).toBe(0);
  });

  it('still asks for checks when none failed yet but few were made', () => {
    // 0 of 10: the interval reaches 28 %; with p = 0 it shrinks as z²/(2(n + z²)).
    const needed = additionalNeeded(0, 10);
    expect(needed).toBe(closedFormTotal(0, 0.02) - 10);
    expect(needed).toBeGreaterThan(0);
  });
});
