import { sql, type SQL } from 'drizzle-orm';

/**
 * How one task stands against the AI, from the facts the index keeps per task
 * (`work_order_task_index`): `ai_validated` = the verdict the task's rules give the AI's own
 * value (null: no AI value, or no rule matched it), `validated` = the upstream's verdict on
 * the effective value, `corrected` = a human value exists, whoever set it and wherever.
 */
export type Direction = 'okToKo' | 'koToOk' | 'correctedKept' | 'correctedUnjudged' | 'agreed' | 'unjudged';

export interface TaskFacts {
  aiValidated: boolean | null;
  validated: boolean;
  corrected: boolean;
}

export function direction({ aiValidated, validated, corrected }: TaskFacts): Direction {
  if (aiValidated === null) return corrected ? 'correctedUnjudged' : 'unjudged';
  if (!corrected) return 'agreed';
  if (aiValidated && !validated) return 'okToKo';
  if (!aiValidated && validated) return 'koToOk';
  return 'correctedKept';
}

/**
 * The same classification as SQL conditions over a row with columns `ai_validated`,
 * `validated`, `corrected` (the live aggregates and the rollups count with these; a unit test
 * checks them against `direction` on every combination).
 */
export const DIRECTION_SQL = {
  judged: sql`ai_validated is not null`,
  okToKo: sql`corrected and ai_validated is true and not validated`,
  koToOk: sql`corrected and ai_validated is false and validated`,
  correctedKept: sql`corrected and ai_validated is not null and ai_validated = validated`,
  corrected: sql`corrected`,
} as const satisfies Record<string, SQL>;

/** `count(*) filter (...)::int as <column>` for each counter, in `OverturnCounts` order. */
export const countersSql = sql`count(*) filter (where ${DIRECTION_SQL.judged})::int as judged,
  count(*) filter (where ${DIRECTION_SQL.okToKo})::int as ok_to_ko,
  count(*) filter (where ${DIRECTION_SQL.koToOk})::int as ko_to_ok,
  count(*) filter (where ${DIRECTION_SQL.correctedKept})::int as corrected_kept,
  count(*) filter (where ${DIRECTION_SQL.corrected})::int as corrected`;
