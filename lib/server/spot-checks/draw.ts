import { createHash } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';

/**
 * The spot-check draw. A work order is in the sample when `drawKey(seed, id) < threshold(rate)`:
 * the key is the first 52 bits of SHA-256(seed ":" id), an integer in [0, 2^52) that stands for
 * a number in [0, 1) (52 bits: exact in a JavaScript number and in a PostgreSQL bigint).
 *
 * - Reproducible: the same seed and id always give the same key, on every instance, in SQL
 *   (`drawKeySql`) as here.
 * - Stable as the site grows: a work order's membership depends on its own id only, never on
 *   how many others there are or in which order they arrived.
 * - Monotonic in the rate: raising it only adds work orders, lowering it only removes some.
 * - Keyed: the seed is random per site, so the ids alone do not tell which work orders get checked.
 */

export const DRAW_BITS = 52;
const SCALE = 2 ** DRAW_BITS;

/** The draw key of one work order, as an integer in [0, 2^52). */
export function drawKey(seed: string, workOrderId: string): number {
  const hex = createHash('sha256').update(`${seed}:${workOrderId}`, 'utf8').digest('hex');
  return parseInt(hex.slice(0, DRAW_BITS / 4), 16);
}

/** Keys strictly below this are drawn: `rate` percent of [0, 2^52), 0 for 0 %, everything for 100 %. */
export function drawThreshold(ratePercent: number): number {
  const rate = Math.min(100, Math.max(0, ratePercent));
  return Math.floor((rate / 100) * SCALE);
}

export function isDrawn(seed: string, workOrderId: string, ratePercent: number): boolean {
  return drawKey(seed, workOrderId) < drawThreshold(ratePercent);
}

/** The same key as `drawKey`, computed by the database from a text id column. */
export function drawKeySql(seed: string, idColumn: SQL | SQL.Aliased | unknown): SQL {
  return sql`('x' || substr(encode(sha256(convert_to(${seed} || ':' || ${idColumn}, 'UTF8')), 'hex'), 1, ${DRAW_BITS / 4}))::bit(${sql.raw(String(DRAW_BITS))})::bigint`;
}
