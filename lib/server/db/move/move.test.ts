import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openPglite } from '@/lib/server/db/client';
import { migrationsFolder } from '@/lib/server/db/migrations-folder';
import { expectAuditLogGuarded, expectSameDatabases, expectSequencesFollow, expectTriggersEnabled } from '@/test/harness/database-move';
import { emptyTables, seedEveryTable } from '@/test/harness/seed-every-table';
import { listTables } from './catalog';
import { moveDatabase } from './move';
import { sqlClient } from './move-to-postgres';
import type { SqlClient } from './sql-client';

// The move between two PGlite databases (the same code as into PostgreSQL, where
// move.pg.test.ts runs it from a data directory): fast enough for every run.
const opened: { close(): Promise<unknown> }[] = [];
afterEach(async () => {
  for (const database of opened.splice(0)) await database.close();
});

async function migrated(): Promise<PGlite> {
  const client = await PGlite.create();
  opened.push(client);
  await migrate(drizzle({ client }), { migrationsFolder: migrationsFolder() });
  return client;
}

// One seeded source for every test: a move only reads it.
let source: SqlClient;
let closeSource: () => Promise<void>;
beforeAll(async () => {
  const handle = await openPglite();
  closeSource = handle.close;
  await seedEveryTable(handle.db);
  source = sqlClient((handle.db as unknown as { $client: PGlite }).$client);
}, 180_000);
afterAll(async () => {
  await closeSource?.();
});

// Several databases, each migrated: seconds each on a loaded machine.
describe('moveDatabase', { timeout: 180_000 }, () => {
  it('copies every table, row for row, keeps the audit log guarded and the sequences ahead', async () => {
    // Every table has rows: a table the move forgot would differ below.
    expect(await emptyTables(source)).toEqual([]);
    const targetConnection = await PGlite.create();
    opened.push(targetConnection);
    const target = sqlClient(targetConnection);
    const lines: string[] = [];
    const result = await moveDatabase(
      {
        source,
        target,
        baseline: sqlClient(await migrated()),
        migrateTarget: async () => {
          await migrate(drizzle({ client: targetConnection }), { migrationsFolder: migrationsFolder() });
        },
      },
      { batchRows: 97, log: (line) => lines.push(line) },
    );
    expect(result.outcome).toBe('moved');
    if (result.outcome !== 'moved') return;
    expect(result.tables.map((table) => table.table).sort()).toEqual((await listTables(source)).map((table) => table.name).sort());
    expect(result.tables.every((table) => table.matches && table.source.rows > 0)).toBe(true);
    expect(lines).toContain('Copied audit_log: ' + result.tables.find((table) => table.table === 'audit_log')!.source.rows + ' rows');

    await expectSameDatabases(source, target);
    await expectAuditLogGuarded(target);
    await expectSequencesFollow(target);
  });

  it('leaves the target empty when the copy fails half-way, so it can simply run again', async () => {
    const targetConnection = await PGlite.create();
    opened.push(targetConnection);
    const target = sqlClient(targetConnection);
    const baseline = sqlClient(await migrated());
    const migrateTarget = async () => {
      await migrate(drizzle({ client: targetConnection }), { migrationsFolder: migrationsFolder() });
    };
    // The connection drops while the users are written (after the audit log was copied).
    const failing: SqlClient = {
      query: (statement, params) =>
        statement.startsWith('insert into "public"."users"') ? Promise.reject(new Error('connection lost')) : target.query(statement, params),
    };
    await expect(moveDatabase({ source, target: failing, baseline, migrateTarget })).rejects.toThrow('connection lost');
    expect((await target.query(`select count(*)::int as n from audit_log`)).rows).toEqual([{ n: 0 }]);
    expect((await target.query(`select count(*)::int as n from reason_codes`)).rows).toEqual([{ n: 7 }]);
    await expectTriggersEnabled(target);

    expect((await moveDatabase({ source, target, baseline, migrateTarget })).outcome).toBe('moved');
    await expectSameDatabases(source, target);
  });

  it('refuses a target that already holds rows, and one with another migration history', async () => {
    const used = await migrated();
    await used.query(`insert into audit_log (action) values ('already here')`);
    const baseline = sqlClient(await migrated());
    const move = (target: PGlite) =>
      moveDatabase({
        source,
        target: sqlClient(target),
        baseline,
        migrateTarget: async () => {
          await migrate(drizzle({ client: target }), { migrationsFolder: migrationsFolder() });
        },
      });
    const refused = await move(used);
    expect(refused).toEqual({ outcome: 'refused', reason: expect.stringMatching(/not empty: audit_log already hold rows/) });
    expect((await used.query(`select count(*)::int as n from audit_log`)).rows).toEqual([{ n: 1 }]);

    const foreign = await migrated();
    await foreign.query(`update drizzle.__drizzle_migrations set hash = 'another' where id = 1`);
    expect(await move(foreign)).toEqual({ outcome: 'refused', reason: expect.stringMatching(/different migration history/) });

    const stranger = await PGlite.create();
    opened.push(stranger);
    await stranger.query('create table things (id int primary key)');
    expect(await move(stranger)).toEqual({ outcome: 'refused', reason: expect.stringMatching(/already has tables/) });
  });
});
