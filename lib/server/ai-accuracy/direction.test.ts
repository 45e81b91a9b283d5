import { describe, expect, it, vi } from 'vitest';

vi.setConfig({ testTimeout: 60_000 });
import { sql } from 'drizzle-orm';
import { createTestDb } from '@/test/harness/db';
import { selectRows } from '@/lib/server/db/sql';
import { DIRECTION_SQL, direction, type Direction, type TaskFacts } from './direction';

describe('direction', () => {
  it.each<[TaskFacts, Direction]>([
    [{ aiValidated: true, validated: false, corrected: true }, 'okToKo'],
    [{ aiValidated: false, validated: true, corrected: true }, 'koToOk'],
    // A corrected value that the rules judge as they judged the AI's: a correction, not an overturn.
    [{ aiValidated: true, validated: true, corrected: true }, 'correctedKept'],
    [{ aiValidated: false, validated: false, corrected: true }, 'correctedKept'],
    [{ aiValidated: null, validated: true, corrected: true }, 'correctedUnjudged'],
    [{ aiValidated: true, validated: true, corrected: false }, 'agreed'],
    [{ aiValidated: false, validated: false, corrected: false }, 'agreed'],
    [{ aiValidated: null, validated: false, corrected: false }, 'unjudged'],
  ])('%o → %s', (facts, expected) => {
    expect(direction(facts)).toBe(expected);
  });
});

describe('DIRECTION_SQL', () => {
  it('classifies every combination of facts as `direction` does', async () => {
    const { db, close } = await createTestDb();
    try {
      const combos: TaskFacts[] = [];
      for (const aiValidated of [true, false, null]) {
        for (const validated of [true, false]) for (const corrected of [true, false]) combos.push({ aiValidated, validated, corrected });
      }
      for (const facts of combos) {
        const [row] = await selectRows<Record<keyof typeof DIRECTION_SQL, boolean>>(
          db,
          sql`select coalesce(${DIRECTION_SQL.judged}, false) as judged, coalesce(${DIRECTION_SQL.okToKo}, false) as "okToKo",
                     coalesce(${DIRECTION_SQL.koToOk}, false) as "koToOk", coalesce(${DIRECTION_SQL.correctedKept}, false) as "correctedKept",
                     ${DIRECTION_SQL.corrected} as corrected
                from (select ${facts.aiValidated}::boolean as ai_validated, ${facts.validated}::boolean as validated,
                             ${facts.corrected}::boolean as corrected) as t`,
        );
        const expected = direction(facts);
        expect(row, JSON.stringify(facts)).toEqual({
          judged: facts.aiValidated !== null,
          okToKo: expected === 'okToKo',
          koToOk: expected === 'koToOk',
          correctedKept: expected === 'correctedKept',
          corrected: facts.corrected,
        });
      }
    } finally {
      await close();
    }
  });
});
