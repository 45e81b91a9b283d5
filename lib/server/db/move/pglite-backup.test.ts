import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, describe, expect, it } from 'vitest';
import { openPglite } from '@/lib/server/db/client';
import { expectAuditLogGuarded, expectSameDatabases } from '@/test/harness/database-move';
import { seedEveryTable } from '@/test/harness/seed-every-table';
import { processesUsing } from './in-use';
import { sqlClient } from './move-to-postgres';
import { backupPglite } from './pglite-backup';

describe('backupPglite (npm run db:backup)', { timeout: 180_000 }, () => {
  const work = mkdtempSync(path.join(tmpdir(), 'field-review-backup-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('refuses while the database is open, then copies a data directory that opens with the same rows', async () => {
    const dir = path.join(work, 'pglite');
    const dest = path.join(work, 'backup');
    const handle = await openPglite(dir);
    try {
      await seedEveryTable(handle.db);
      expect(processesUsing(dir)).toEqual([process.pid]);
      expect(backupPglite(dir, dest)).toEqual({ outcome: 'refused', reason: expect.stringContaining(`in use by process ${process.pid}`) });
    } finally {
      await handle.close();
    }
    expect(processesUsing(dir)).toEqual([]);

    expect(backupPglite(dir, dest)).toEqual({ outcome: 'copied' });
    expect(backupPglite(dir, dest)).toEqual({ outcome: 'refused', reason: expect.stringContaining('already exists') });

    const original = await PGlite.create(dir);
    const copy = await PGlite.create(dest);
    try {
      await expectSameDatabases(sqlClient(original), sqlClient(copy));
      await expectAuditLogGuarded(sqlClient(copy));
    } finally {
      await original.close();
      await copy.close();
    }
  });

  it('refuses a directory that is not a PGlite data directory', () => {
    const empty = path.join(work, 'empty');
    mkdirSync(empty);
    expect(backupPglite(empty, path.join(work, 'nothing'))).toEqual({
      outcome: 'refused',
      reason: expect.stringContaining('not a PGlite data directory'),
    });
  });
});
