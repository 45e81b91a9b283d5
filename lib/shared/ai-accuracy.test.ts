import { describe, expect, it } from 'vitest';
import { addCounts, chanceInWords, EMPTY_COUNTS, overturnRate, shortVersion } from './ai-accuracy';

describe('overturnRate', () => {
  it('is both directions over the judged tasks, null without any', () => {
    expect(overturnRate({ judged: 40, okToKo: 3, koToOk: 1 })).toBe(0.1);
    expect(overturnRate({ judged: 0, okToKo: 0, koToOk: 0 })).toBeNull();
  });

  it('adds counts field by field', () => {
    const one = { judged: 2, okToKo: 1, koToOk: 0, correctedKept: 1, corrected: 2 };
    expect(addCounts(addCounts(EMPTY_COUNTS, one), one)).toEqual({ judged: 4, okToKo: 2, koToOk: 0, correctedKept: 2, corrected: 4 });
  });
});

describe('chanceInWords', () => {
  it.each([
    [0.5, { below: false, n: 2 }],
    [0.031, { below: false, n: 32 }],
    [0.0042, { below: false, n: 240 }],
    [0.00099, { below: true, n: 1000 }],
    [1, { below: false, n: 1 }],
  ])('p = %f → %o', (p, expected) => {
    expect(chanceInWords(p)).toEqual(expected);
  });
});

describe('shortVersion', () => {
  it('shortens ids, keeps short names', () => {
    expect(shortVersion('90bf1a2c-9437-4594-af13-361e1c3270ba')).toBe('90bf1a2c…');
    expect(shortVersion('v2')).toBe('v2');
  });
});
