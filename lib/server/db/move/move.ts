import { checksumTables, tableChecksum, type TableChecksum } from './checksum';
import { listSequences, listTables, migrationHistory, SCHEMA, type MigrationRecord, type TableInfo } from './catalog';
import { copyTable } from './copy-table';
import { ident, setCanonicalText, type SqlClient } from './sql-client';

export interface MoveDatabases {
  /** The database to copy from, migrated with this version's migrations. Only read. */
  source: SqlClient;
  /** The empty database to copy into: one connection, so one transaction holds the whole copy. */
  target: SqlClient;
  /** Applies this version's migrations to `target`. */
  migrateTarget(): Promise<void>;
  /** A fresh database with only this version's migrations: what "empty" looks like. */
  baseline: SqlClient;
}

export interface TableReport {
  table: string;
  source: TableChecksum;
  target: TableChecksum;
  matches: boolean;
}

export type MoveResult =
  | { outcome: 'moved'; tables: TableReport[]; sequences: { name: string; next: string }[] }
  | { outcome: 'refused'; reason: string }
  | { outcome: 'mismatch'; tables: TableReport[] };

/**
 * Copies every table of `source` into the empty `target`, then checks that each one holds
 * the same rows on both sides. The copy and the check run in ONE transaction on the target,
 * committed only when every table matches: a failure or a mismatch leaves the target as empty
 * as it was (its migrations applied), so the move can simply be run again.
 */
export async function moveDatabase(
  databases: MoveDatabases,
  options: { log?: (line: string) => void; batchRows?: number } = {},
): Promise<MoveResult> {
  const log = options.log ?? (() => undefined);
  const { source, target, baseline } = databases;
  for (const client of [source, target, baseline]) await setCanonicalText(client);

  const expected = await migrationHistory(baseline);
  const sourceHistory = await migrationHistory(source);
  if (!sameHistory(sourceHistory, expected)) {
    return refused(
      `the source database's migrations (${sourceHistory.length}) are not this version's (${expected.length}): run the same Field Review version it was written by`,
    );
  }
  const before = await migrationHistory(target);
  if (!sameHistory(before, expected.slice(0, before.length))) {
    return refused('the target database has a different migration history: it holds another application or another version of Field Review');
  }
  if (before.length === 0 && (await listTables(target)).length > 0) {
    return refused(`the target database already has tables in schema ${SCHEMA} and no Field Review migrations: use an empty database`);
  }
  log(before.length === expected.length ? 'Target: migrations already applied' : `Target: applying ${expected.length - before.length} migrations…`);
  await databases.migrateTarget();
  if (!sameHistory(await migrationHistory(target), expected)) return refused("the target database did not end up with this version's migrations");

  const tables = await listTables(source);
  const targetTables = await listTables(target);
  const schemaDrift = differentTables(tables, targetTables);
  if (schemaDrift) return refused(`the target's tables differ from the source's after migrating (${schemaDrift})`);
  const seeded = await seededTables(baseline, tables);
  const occupied = await occupiedTables(target, baseline, tables, seeded);
  if (occupied.length > 0) {
    return refused(
      `the target database is not empty: ${occupied.join(', ')} already hold rows. Use a new, empty database (createdb), or drop this one's tables first`,
    );
  }

  const sourceSums = new Map((await checksumTables(source, tables)).map((sum) => [sum.table, sum]));
  const total = [...sourceSums.values()].reduce((sum, table) => sum + table.rows, 0);
  log(`Source: ${tables.length} tables, ${total} rows`);

  await target.query('begin');
  try {
    // Our triggers (the audit log's append-only guard, the overview's dirty-day marks) must not
    // fire for rows that are copied, not written: the marks they would add are copied too.
    // Disabled inside this transaction only: ALTER TABLE locks each table until the commit, so no
    // other session ever sees a table without its triggers, and a rollback restores them.
    for (const table of tables) if (table.hasUserTriggers) await target.query(`alter table ${qualified(table.name)} disable trigger user`);
    // The rows the migrations seed (default reason codes) make way for the source's own.
    for (const table of seeded) await target.query(`delete from ${qualified(table)}`);

    for (const table of tables) {
      const rows = sourceSums.get(table.name)?.rows ?? 0;
      let shown = 0;
      const copied = await copyTable(source, target, table, {
        batchRows: options.batchRows,
        onBatch(done) {
          if (done - shown >= 10_000 && done < rows) {
            shown = done;
            log(`  ${table.name}: ${done} / ${rows} rows…`);
          }
        },
      });
      log(`Copied ${table.name}: ${copied} rows`);
    }
    const sequences = await resetSequences(source, target);
    for (const table of tables) if (table.hasUserTriggers) await target.query(`alter table ${qualified(table.name)} enable trigger user`);

    log('Verifying row counts and checksums…');
    const reports = (await checksumTables(target, tables)).map((targetSum): TableReport => {
      const sourceSum = sourceSums.get(targetSum.table)!;
      return {
        table: targetSum.table,
        source: sourceSum,
        target: targetSum,
        matches: sourceSum.rows === targetSum.rows && sourceSum.checksum === targetSum.checksum,
      };
    });
    if (reports.some((report) => !report.matches)) {
      await target.query('rollback');
      return { outcome: 'mismatch', tables: reports };
    }
    await target.query('commit');
    return { outcome: 'moved', tables: reports, sequences };
  } catch (error) {
    await target.query('rollback').catch(() => undefined);
    throw error;
  }
}

function refused(reason: string): MoveResult {
  return { outcome: 'refused', reason };
}

function qualified(table: string): string {
  return `${ident(SCHEMA)}.${ident(table)}`;
}

function sameHistory(a: MigrationRecord[], b: MigrationRecord[]): boolean {
  return a.length === b.length && a.every((record, i) => record.hash === b[i].hash && record.createdAt === b[i].createdAt);
}

/** What differs between two lists of tables (names, columns, types), or null. */
function differentTables(a: TableInfo[], b: TableInfo[]): string | null {
  const shape = (table: TableInfo) =>
    table.columns.map((column) => `${column.name} ${column.type}${column.generated ? ' generated' : ''}`).join(', ');
  const other = new Map(b.map((table) => [table.name, table]));
  for (const table of a) {
    const twin = other.get(table.name);
    if (!twin) return `no table ${table.name}`;
    if (shape(table) !== shape(twin)) return `columns of ${table.name}`;
    other.delete(table.name);
  }
  return other.size > 0 ? `extra table ${[...other.keys()].join(', ')}` : null;
}

/** The tables the migrations themselves fill (their rows are in a freshly migrated database). */
async function seededTables(baseline: SqlClient, tables: TableInfo[]): Promise<string[]> {
  const seeded: string[] = [];
  for (const table of tables) {
    const { rows } = await baseline.query<{ present: boolean }>(`select exists (select from ${qualified(table.name)}) as present`);
    if (rows[0]?.present) seeded.push(table.name);
  }
  return seeded;
}

/**
 * The target's tables that hold rows an empty database would not: any row at all, except in
 * a table the migrations seed, where the same keys as a fresh database's are expected.
 */
async function occupiedTables(target: SqlClient, baseline: SqlClient, tables: TableInfo[], seeded: string[]): Promise<string[]> {
  const occupied: string[] = [];
  for (const table of tables) {
    const { rows } = await target.query<{ present: boolean }>(`select exists (select from ${qualified(table.name)}) as present`);
    if (!rows[0]?.present) continue;
    if (seeded.includes(table.name)) {
      // Their other columns hold the time the migration ran: compare the keys only.
      const keys = await tableChecksum(target, table.name, table.primaryKey);
      const fresh = await tableChecksum(baseline, table.name, table.primaryKey);
      if (keys.checksum === fresh.checksum) continue;
    }
    occupied.push(table.name);
  }
  return occupied;
}

/**
 * Sets each sequence of the target as the source's, and never below its column's largest
 * copied value, so the next id or `seq` the app takes follows the copied ones.
 */
async function resetSequences(source: SqlClient, target: SqlClient): Promise<{ name: string; next: string }[]> {
  const next: { name: string; next: string }[] = [];
  for (const sequence of await listSequences(source)) {
    let value = BigInt(sequence.lastValue);
    let called = sequence.isCalled;
    if (sequence.ownedBy) {
      const { rows } = await target.query<{ max: string | null }>(
        `select max(${ident(sequence.ownedBy.column)})::text as max from ${qualified(sequence.ownedBy.table)}`,
      );
      const max = rows[0]?.max;
      if (max !== null && max !== undefined && (BigInt(max) > value || (BigInt(max) === value && !called))) {
        value = BigInt(max);
        called = true;
      }
    }
    await target.query(`select setval($1::regclass, $2::bigint, $3::boolean)`, [
      `${ident(SCHEMA)}.${ident(sequence.name)}`,
      value.toString(),
      called,
    ]);
    next.push({ name: sequence.name, next: (called ? value + 1n : value).toString() });
  }
  return next;
}
