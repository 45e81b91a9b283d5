import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { describe, it } from 'vitest';
import { checkNamesMigration } from '@/test/harness/names-migration';

describe('migration names_not_ids on PGlite', () => {
  it('backfills the task-group name of audit rows, keeps the log append-only and keys task rows by names', { timeout: 120_000 }, async () => {
    const client = await PGlite.create();
    try {
      await checkNamesMigration(client, (folder) => migrate(drizzle({ client }), { migrationsFolder: folder }));
    } finally {
      await client.close();
    }
  });
});
