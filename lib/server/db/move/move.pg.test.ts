import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite } from '@/lib/server/db/client';
import { expectAuditLogGuarded, expectSameDatabases, expectSequencesFollow } from '@/test/harness/database-move';
import { emptyTables, seedEveryTable } from '@/test/harness/seed-every-table';
import { findPostgresBin } from '@/scripts/lib/postgres.mjs';
import { sqlClient } from './move-to-postgres';

// `npm run db:migrate-to-postgres` from a PGlite data directory written by the app's own code
// into new databases of the throwaway cluster (DATABASE_URL), then a PostgreSQL backup and
// restore with the cluster's pg_dump and pg_restore. Each check uses a database of its own.
const url = process.env.DATABASE_URL;
const run = promisify(execFile);
// Vitest runs from the repository's root.
const root = process.cwd();

describe.skipIf(!url)('moving a PGlite data directory to PostgreSQL, and backing PostgreSQL up', { timeout: 300_000 }, () => {
  let work: string;
  let pgliteDir: string;
  const created: string[] = [];
  let admin: pg.Client;

  beforeAll(async () => {
    work = mkdtempSync(path.join(tmpdir(), 'field-review-move-'));
    pgliteDir = path.join(work, 'pglite');
    const handle = await openPglite(pgliteDir);
    await seedEveryTable(handle.db);
    await handle.close();
    admin = new pg.Client({ connectionString: url });
    await admin.connect();
  }, 300_000);

  afterAll(async () => {
    for (const name of created) await admin.query(`drop database if exists ${name}`).catch(() => undefined);
    await admin?.end();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  async function newDatabase(): Promise<string> {
    const name = `move_${crypto.randomUUID().replaceAll('-', '')}`;
    await admin.query(`create database ${name}`);
    created.push(name);
    const target = new URL(url!);
    target.pathname = `/${name}`;
    return target.toString();
  }

  async function connect(databaseUrl: string): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    return client;
  }

  function migrateToPostgres(...args: string[]): Promise<{ code: number; out: string; err: string }> {
    return run(path.join(root, 'node_modules', '.bin', 'tsx'), ['scripts/db-migrate-to-postgres.ts', ...args], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: '' },
    }).then(
      ({ stdout, stderr }) => ({ code: 0, out: stdout, err: stderr }),
      (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, out: error.stdout, err: error.stderr }),
    );
  }

  let moved: string;

  it('moves every table and verifies it, keeping the audit log append-only; refuses a non-empty target', async () => {
    moved = await newDatabase();
    const result = await migrateToPostgres(pgliteDir, '--to', moved);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/Moved and verified: \d+ tables/);
    expect(result.out).toMatch(/audit_log\s+\d+\s+\d+\s+[0-9a-f]{12}\s+ok/);
    expect(result.out).not.toMatch(/MISMATCH/);

    const source = await PGlite.create(pgliteDir);
    const target = await connect(moved);
    try {
      expect(await emptyTables(sqlClient(source))).toEqual([]);
      await expectSameDatabases(sqlClient(source), sqlClient(target));
      await expectAuditLogGuarded(sqlClient(target));
    } finally {
      await source.close();
      await target.end();
    }

    const again = await migrateToPostgres(pgliteDir, '--to', moved);
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/refused: the target database is not empty: .*audit_log/);
  });

  it('refuses a PGlite directory that a process has open', async () => {
    const source = await PGlite.create(pgliteDir);
    try {
      const result = await migrateToPostgres(pgliteDir, '--to', await newDatabase());
      expect(result.code).toBe(2);
      expect(result.err).toMatch(new RegExp(`in use by process ${process.pid}`));
    } finally {
      await source.close();
    }
  });

  it('backs the database up with pg_dump -Fc and restores it with pg_restore, row for row', async () => {
    const bin = findPostgresBin();
    expect(bin).not.toBeNull();
    const dump = path.join(work, 'field-review.dump');
    await run(path.join(bin!, 'pg_dump'), ['-Fc', '--no-owner', '-f', dump, '-d', moved]);
    const restored = await newDatabase();
    await run(path.join(bin!, 'pg_restore'), ['--no-owner', '--exit-on-error', '-d', restored, dump]);
    const original = await connect(moved);
    const copy = await connect(restored);
    try {
      await expectSameDatabases(sqlClient(original), sqlClient(copy));
      await expectAuditLogGuarded(sqlClient(copy));
      await expectSequencesFollow(sqlClient(copy));
    } finally {
      await original.end();
      await copy.end();
    }
  });

  it('gives the moved database sequences that continue after the copied rows', async () => {
    const target = await connect(moved);
    try {
      await expectSequencesFollow(sqlClient(target));
    } finally {
      await target.end();
    }
  });
});
