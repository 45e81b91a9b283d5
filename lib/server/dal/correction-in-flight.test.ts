import { afterEach, describe, expect, it, vi } from 'vitest';
import { inFlightHorizonMs, inFlightUntilOf, secondsUntil } from './correction-in-flight';

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('the in-flight horizon of a correction', () => {
  it('is CORRECTION_IN_FLIGHT_SECONDS, a minute when unset or not a positive number', () => {
    vi.stubEnv('CORRECTION_IN_FLIGHT_SECONDS', '90');
    expect(inFlightHorizonMs()).toBe(90_000);
    vi.stubEnv('CORRECTION_IN_FLIGHT_SECONDS', '0.5');
    expect(inFlightHorizonMs()).toBe(500);
    for (const bad of ['', '0', '-5', 'soon']) {
      vi.stubEnv('CORRECTION_IN_FLIGHT_SECONDS', bad);
      expect(inFlightHorizonMs(), bad).toBe(60_000);
    }
  });

  it('is read from an unknown row only', () => {
    const inFlightUntil = '2026-12-06T10:00:00.000Z';
    expect(inFlightUntilOf({ outcome: 'unknown', details: { inFlightUntil } })).toEqual(new Date(inFlightUntil));
    expect(inFlightUntilOf({ outcome: 'unknown', details: { reconcileError: 'upstream_error' } })).toBeNull();
    expect(inFlightUntilOf({ outcome: 'unknown', details: { inFlightUntil: 'not a date' } })).toBeNull();
    expect(inFlightUntilOf({ outcome: 'applied', details: { inFlightUntil } })).toBeNull();
    expect(inFlightUntilOf({ outcome: 'unknown', details: null })).toBeNull();
  });

  it('gives Retry-After in whole seconds, at least one', () => {
    const now = new Date('2026-12-06T10:00:00.000Z');
    expect(secondsUntil(new Date('2026-12-06T10:00:59.100Z'), now)).toBe(60);
    expect(secondsUntil(new Date('2026-12-06T10:00:00.200Z'), now)).toBe(1);
    expect(secondsUntil(new Date('2026-12-06T09:59:00.000Z'), now)).toBe(1);
  });
});
