import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { describe, it } from 'vitest';
import { checkNamesMigration } from '@/test/harness/names-migration';

// The same as names-migration.test.ts on a real PostgreSQL server, in a database of its own
// (the shared one is already fully migrated, and other files use it).
const url = process.env.DATABASE_URL;

describe.skipIf(!url)('migration names_not_ids on PostgreSQL (DATABASE_URL)', () => {
  it('backfills the task-group name of audit rows, keeps the log append-only and keys task rows by names', async () => {
    const name = `names_migration_${crypto.randomUUID().replaceAll('-', '')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query(`create database ${name}`);
      const target = new URL(url!);
      target.pathname = `/${name}`;
      const client = new pg.Client({ connectionString: target.toString() });
      await client.connect();
      try {
        await checkNamesMigration(client, (folder) => migrate(drizzle({ client }), { migrationsFolder: folder }));
      } finally {
        await client.end();
      }
    } finally {
      await admin.query(`drop database if exists ${name}`).catch(() => undefined);
      await admin.end();
    }
  });
});
