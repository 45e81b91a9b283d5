/**
 * Wilson score interval of a binomial proportion, and how many more observations would make it
 * narrow enough. Pure: used by the spot-check statistics on the server and tested alone.
 */

/** The 97.5th percentile of the standard normal distribution: a two-sided 95 % interval. */
export const Z_95 = 1.959964;

export interface WilsonInterval {
  /** k / n (0 when n = 0). */
  estimate: number;
  low: number;
  high: number;
}

/** Half the width of the Wilson interval for proportion `p` over `n` observations (n > 0). */
export function wilsonHalfWidth(p: number, n: number, z = Z_95): number {
  const z2 = z * z;
  return (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
}

/** The Wilson interval of `k` events among `n` (the whole [0, 1] when n = 0: nothing is known). */
export function wilsonInterval(k: number, n: number, z = Z_95): WilsonInterval {
  if (n <= 0) return { estimate: 0, low: 0, high: 1 };
  const p = k / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = wilsonHalfWidth(p, n, z);
  return { estimate: p, low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/**
 * The smallest number of additional observations after which the interval's half-width is at
 * most `target`, assuming the proportion stays where it is now (k / n). With no observation yet
 * the proportion is unknown: 0.5 is assumed, the value that needs the most observations, so the
 * figure is an upper bound until the first checks come in.
 */
export function additionalNeeded(k: number, n: number, target = 0.02, z = Z_95): number {
  const p = n > 0 ? k / n : 0.5;
  const enough = (total: number) => total > 0 && wilsonHalfWidth(p, total, z) <= target;
  if (enough(n)) return 0;
  // The half-width falls as n grows: double until enough, then bisect.
  let high = Math.max(1, n);
  while (!enough(high)) high *= 2;
  let low = n;
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (enough(mid)) high = mid;
    else low = mid;
  }
  return high - n;
}
