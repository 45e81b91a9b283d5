import { describe, expect, it } from 'vitest';
import { BACKOFF_MAX_MS, MAX_ATTEMPTS, nextAttemptAfter, retryDelayMs } from './backoff';

describe('webhook retry schedule', () => {
  it('doubles from 30 s, between half and all of each step', () => {
    expect([1, 2, 3, 4].map((attempt) => retryDelayMs(attempt, 0))).toEqual([15_000, 30_000, 60_000, 120_000]);
    expect([1, 2, 3, 4].map((attempt) => retryDelayMs(attempt, 0.999_999))).toEqual([30_000, 60_000, 120_000, 240_000]);
  });

  it('never waits more than an hour', () => {
    expect(retryDelayMs(MAX_ATTEMPTS - 1, 0.999_999)).toBeLessThanOrEqual(BACKOFF_MAX_MS);
    expect(retryDelayMs(MAX_ATTEMPTS - 1, 0)).toBe(BACKOFF_MAX_MS / 2);
    expect(retryDelayMs(30, 0.5)).toBe(BACKOFF_MAX_MS * 0.75);
  });

  it('stops after the last attempt allowed', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    expect(nextAttemptAfter(1, now, 0)).toEqual(new Date('2026-01-01T00:00:15Z'));
    expect(nextAttemptAfter(MAX_ATTEMPTS - 1, now, 0)).not.toBeNull();
    expect(nextAttemptAfter(MAX_ATTEMPTS, now, 0)).toBeNull();
  });
});
