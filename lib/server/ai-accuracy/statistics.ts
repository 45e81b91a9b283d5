/**
 * The statistics behind the drift alarm, pure and small enough to check by hand: Fisher's
 * exact test on a 2×2 table (exact at any count, so a task with 12 corrections is judged as
 * fairly as one with 12 000) and Holm's correction for testing many tasks at once.
 */

/** ln(n!) for n = 0…max, by running sums (exact enough for counts up to millions). */
function logFactorials(max: number): Float64Array {
  const table = new Float64Array(max + 1);
  for (let n = 2; n <= max; n += 1) table[n] = table[n - 1] + Math.log(n);
  return table;
}

/**
 * Two-sided p-value of Fisher's exact test for the table
 *
 *          overturned   kept
 *   before     a          b
 *   after      c          d
 *
 * The probability, with the margins fixed, of every table at most as likely as the observed
 * one (the convention of R's `fisher.test`, with the same relative tolerance for ties).
 */
export function fisherExactTwoSided(a: number, b: number, c: number, d: number): number {
  for (const cell of [a, b, c, d]) {
    if (!Number.isInteger(cell) || cell < 0) throw new RangeError('Fisher’s test needs counts (non-negative integers).');
  }
  const row1 = a + b;
  const row2 = c + d;
  const col1 = a + c;
  const n = row1 + row2;
  if (row1 === 0 || row2 === 0 || col1 === 0 || col1 === n) return 1;
  const lf = logFactorials(n);
  const constant = lf[row1] + lf[row2] + lf[col1] + lf[n - col1] - lf[n];
  const logP = (x: number) => constant - lf[x] - lf[row1 - x] - lf[col1 - x] - lf[row2 - col1 + x];
  const observed = logP(a);
  const lowest = Math.max(0, col1 - row2);
  const highest = Math.min(row1, col1);
  let p = 0;
  for (let x = lowest; x <= highest; x += 1) {
    const logPx = logP(x);
    if (logPx <= observed + 1e-7) p += Math.exp(logPx);
  }
  return Math.min(1, p);
}

/**
 * Holm's step-down adjustment: p-values made comparable with one threshold across m tests,
 * keeping the chance of any false alarm under that threshold (no assumption on how the tasks
 * depend on each other). Answers in the input's order.
 */
export function holmAdjust(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((p, i) => [p, i] as const).sort((x, y) => x[0] - y[0]);
  const adjusted = new Array<number>(m);
  let running = 0;
  order.forEach(([p, i], rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * p));
    adjusted[i] = running;
  });
  return adjusted;
}
