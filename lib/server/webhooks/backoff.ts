/**
 * When a failed delivery is tried again: exponential (30 s, 1 min, 2 min… capped at 1 h) with
 * "equal jitter" (half the delay fixed, half random), so endpoints that failed together do not
 * all retry in the same second, yet a retry never comes sooner than half its step. After
 * `MAX_ATTEMPTS` attempts (about 3 h 45 min of trying at most) the delivery is `dead`; an admin
 * may replay it.
 */
export const MAX_ATTEMPTS = 10;
export const BACKOFF_BASE_MS = 30_000;
export const BACKOFF_MAX_MS = 60 * 60_000;

/** The delay after failed attempt number `attempt` (1 = the first); `random` in [0, 1). */
export function retryDelayMs(attempt: number, random: number = Math.random()): number {
  const step = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(step / 2 + (step / 2) * random);
}

/** Null when `attempt` was the last one allowed. */
export function nextAttemptAfter(attempt: number, now: Date, random: number = Math.random()): Date | null {
  if (attempt >= MAX_ATTEMPTS) return null;
  return new Date(now.getTime() + retryDelayMs(attempt, random));
}
