import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { describe, it } from 'vitest';
import { checkNamesMigration } from '@/test/harness/names-migration';

describe('migration names_not_ids on PGlite', () => {
  it('backfills the task-group name of audit rows, keeps the log append-only and keys task rows by names', { timeout: 120_000 }, async () => {
    const client = await PGlite.create();
    try {
      const db = drizzle({ client });
      await checkNamesMigration(
        (folder) => migrate(db, { migrationsFolder: folder }),
        async (statement, params) => (await client.query<Record<string, unknown>>(statement, params)).rows,
      );
    } finally {
      await client.close();
    }
  });
});
