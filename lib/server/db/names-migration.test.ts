import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { describe, it } from 'vitest';
import { migrationsBefore } from '@/test/harness/migrations-before';
import { expectRowsAfterNames, NAMES_MIGRATION, writeRowsBeforeNames, type RunSql } from '@/test/harness/names-migration';
import { migrationsFolder } from './migrations-folder';

describe('migration names_not_ids on PGlite', () => {
  it('backfills the task-group name of audit rows, keeps the log append-only and keys task rows by names', { timeout: 120_000 }, async () => {
    const before = migrationsBefore(NAMES_MIGRATION);
    const client = await PGlite.create();
    try {
      const db = drizzle({ client });
      const run: RunSql = async (statement, params) => (await client.query<Record<string, unknown>>(statement, params)).rows;
      await migrate(db, { migrationsFolder: before.folder });
      await writeRowsBeforeNames(run);
      await migrate(db, { migrationsFolder: migrationsFolder() });
      await expectRowsAfterNames(run);
    } finally {
      await client.close();
      before.remove();
    }
  });
});
