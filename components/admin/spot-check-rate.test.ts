import { describe, expect, it } from 'vitest';
import { parseRate } from './spot-check-rate';

describe('parseRate', () => {
  it.each([
    ['0', 0],
    ['2.5', 2.5],
    ['2,5', 2.5],
    [' 100 ', 100],
    ['0.125', 0.125],
  ])('reads %j as %f', (text, rate) => {
    expect(parseRate(text)).toBe(rate);
  });

  it.each(['', '-1', '100.01', '1e2', 'abc', '5 %', '.5'])('refuses %j', (text) => {
    expect(parseRate(text)).toBeNull();
  });
});
