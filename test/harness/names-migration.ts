import { expect } from 'vitest';
import { migrationsFolder } from '@/lib/server/db/migrations-folder';
import { migrationsBefore } from '@/test/harness/migrations-before';

/**
 * What the migration `0014_names_not_ids` must do to a database written by earlier versions,
 * run on PGlite (`lib/server/db/names-migration.test.ts`) and on PostgreSQL
 * (`lib/server/db/names-migration.pg.test.ts`): rows are written with the schema just before
 * it, then the real migrations folder runs.
 */

export const NAMES_MIGRATION = '0014_names_not_ids';

/** Plain SQL on one connection (both drivers). */
export type RunSql = (statement: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

const WO = 'names-migration-wo';

/** A connection of either driver (`pg.Client`, `PGlite`). */
interface SqlClient {
  query(statement: string, params?: unknown[]): Promise<{ rows: unknown[] }>;
}

/**
 * The whole check on one empty database behind `client`: `migrate` it with the migrations
 * before NAMES_MIGRATION, write the old rows, `migrate` it with the real folder, check the rows.
 */
export async function checkNamesMigration(client: SqlClient, migrate: (migrationsFolder: string) => Promise<void>): Promise<void> {
  const run: RunSql = async (statement, params) => (await client.query(statement, params)).rows as Record<string, unknown>[];
  const before = migrationsBefore(NAMES_MIGRATION);
  try {
    await migrate(before.folder);
    await writeRowsBeforeNames(run);
    await migrate(migrationsFolder());
    await expectRowsAfterNames(run);
  } finally {
    before.remove();
  }
}

/** Rows as the schema before the migration held them (no `audit_log.task_group_name`). */
export async function writeRowsBeforeNames(run: RunSql): Promise<void> {
  await run(
    `insert into work_order_index (id, name, create_date, update_date, progress_score)
             values ($1, 'Before names', '2026-03-01T08:00:00Z', '2026-03-01T08:00:00Z', 50)`,
    [WO],
  );
  // The same task (group and name) twice under two ids, and another task once.
  await run(
    `insert into work_order_task_index (work_order_id, task_id, task_name, task_group_name, app_version_id, conformity, analyzed, validated, corrected)
             values ($1, 'id-b', 'cable', 'front', 'v1', true, true, false, true),
                    ($1, 'id-a', 'cable', 'front', 'v1', true, true, false, true),
                    ($1, 'id-c', 'seal', 'back', 'v1', true, true, true, false)`,
    [WO],
  );
  const correction = `insert into audit_log (action, work_order_id, task_id, task_name, outcome, details, before, after)
                      values ('correction', $1, $2, $3, $4, $5::jsonb, '{"validated": true}'::jsonb, '{"correctedValue": false}'::jsonb)`;
  // The group name in the details, as the correction code has always written it.
  await run(correction, [WO, 'old-id', 'cable', 'applied', JSON.stringify({ taskGroupName: 'front', version: 'v' })]);
  // No group name in the details: the task index row with the same id and name gives it.
  await run(correction, [WO, 'id-c', 'seal', 'rejected', JSON.stringify({ role: 'supervisor' })]);
  // Neither: stays unknown rather than guessed.
  await run(correction, [WO, 'gone-id', 'label', 'conflict', JSON.stringify({ taskGroupName: 42 })]);
  // A pending attempt still settles once after the migration.
  await run(correction, [WO, 'old-id', 'cable', 'pending', JSON.stringify({ taskGroupName: 'front' })]);
  // Not about a task at all.
  await run(`insert into audit_log (action, work_order_id, outcome) values ('review', $1, 'succeeded')`, [WO]);
  // Rollups up to date: only the migration can mark the day dirty again.
  await run(`delete from overview_rollup_dirty`);
}

/** After the migration: the group names backfilled, the log still append-only, task rows keyed by names. */
export async function expectRowsAfterNames(run: RunSql): Promise<void> {
  const rows = await run(`select task_id, task_name, task_group_name, outcome, action from audit_log where work_order_id = $1 order by seq`, [WO]);
  expect(rows).toEqual([
    { task_id: 'old-id', task_name: 'cable', task_group_name: 'front', outcome: 'applied', action: 'correction' },
    { task_id: 'id-c', task_name: 'seal', task_group_name: 'back', outcome: 'rejected', action: 'correction' },
    { task_id: 'gone-id', task_name: 'label', task_group_name: null, outcome: 'conflict', action: 'correction' },
    { task_id: 'old-id', task_name: 'cable', task_group_name: 'front', outcome: 'pending', action: 'correction' },
    { task_id: null, task_name: null, task_group_name: null, outcome: 'succeeded', action: 'review' },
  ]);

  // The guard is back on, and covers the new column.
  await expect(run(`update audit_log set task_group_name = 'forged' where work_order_id = $1 and outcome = 'applied'`, [WO])).rejects.toThrow(
    /immutable/,
  );
  await expect(
    run(`update audit_log set task_group_name = 'forged', outcome = 'applied' where work_order_id = $1 and outcome = 'pending'`, [WO]),
  ).rejects.toThrow(/immutable/);
  await expect(run(`delete from audit_log where work_order_id = $1`, [WO])).rejects.toThrow(/append-only/);
  await run(`update audit_log set outcome = 'applied' where work_order_id = $1 and outcome = 'pending'`, [WO]);

  // One task row per (work order, group, name); a second one under another id is refused.
  const tasks = await run(`select task_group_name, task_name, task_id from work_order_task_index where work_order_id = $1 order by 1, 2`, [WO]);
  expect(tasks).toEqual([
    { task_group_name: 'back', task_name: 'seal', task_id: 'id-c' },
    { task_group_name: 'front', task_name: 'cable', task_id: 'id-a' },
  ]);
  await expect(
    run(
      `insert into work_order_task_index (work_order_id, task_id, task_name, task_group_name, conformity, analyzed, validated, corrected)
         values ($1, 'id-new', 'cable', 'front', true, true, true, false)`,
      [WO],
    ),
  ).rejects.toThrow();

  // Every day of the index is recomputed by the next rollup refresh.
  const dirty = await run(`select to_char(day, 'YYYY-MM-DD') as day from overview_rollup_dirty where day = '2026-03-01'`);
  expect(dirty).toEqual([{ day: '2026-03-01' }]);
}
