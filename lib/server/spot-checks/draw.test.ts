import { describe, expect, it } from 'vitest';
import { DRAW_BITS, drawKey, drawThreshold, isDrawn } from './draw';

const ids = Array.from({ length: 4000 }, (_, index) => `00000000-0000-4000-8000-${index.toString(16).padStart(12, '0')}`);
const drawn = (seed: string, rate: number, from = ids) => from.filter((id) => isDrawn(seed, id, rate));

describe('spot-check draw', () => {
  it('is reproducible: the same seed and rate draw the same work orders', () => {
    expect(drawn('seed-a', 10)).toEqual(drawn('seed-a', 10));
    expect(drawKey('seed-a', ids[0])).toBe(drawKey('seed-a', ids[0]));
  });

  it('depends on the seed', () => {
    expect(drawn('seed-a', 10)).not.toEqual(drawn('seed-b', 10));
  });

  it('is stable as the site grows: a work order keeps its place whatever else is indexed', () => {
    const early = drawn('seed-a', 10, ids.slice(0, 1000));
    expect(drawn('seed-a', 10).slice(0, early.length)).toEqual(early);
  });

  it('only adds work orders when the rate is raised', () => {
    let previous = new Set<string>();
    for (const rate of [0, 0.5, 1, 2.5, 10, 33.3, 50, 99.99, 100]) {
      const now = new Set(drawn('seed-a', rate));
      for (const id of previous) expect(now.has(id)).toBe(true);
      expect(now.size).toBeGreaterThanOrEqual(previous.size);
      previous = now;
    }
  });

  it('draws nothing at 0 %, everything at 100 %, about the rate in between', () => {
    expect(drawn('seed-a', 0)).toEqual([]);
    expect(drawn('seed-a', 100)).toEqual(ids);
    const share = drawn('seed-a', 25).length / ids.length;
    // 4000 draws at 25 %: the standard deviation is under 0.7 point.
    expect(share).toBeGreaterThan(0.22);
    expect(share).toBeLessThan(0.28);
  });

  it('maps keys onto [0, 2^52) and rates onto thresholds', () => {
    const key = drawKey('seed-a', ids[1]);
    expect(Number.isInteger(key)).toBe(true);
    expect(key).toBeGreaterThanOrEqual(0);
    expect(key).toBeLessThan(2 ** DRAW_BITS);
    expect(drawThreshold(50)).toBe(2 ** 51);
    expect(drawThreshold(-1)).toBe(0);
    expect(drawThreshold(101)).toBe(2 ** DRAW_BITS);
  });
});
