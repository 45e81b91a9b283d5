import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '@/test/harness/db';
import type { Db } from './client';
import { migrationsApplied } from './migration-status';
import { migrationsFolder } from './migrations-folder';

let db: Db;
let close: () => Promise<void>;
const copies: string[] = [];

beforeAll(async () => {
  ({ db, close } = await createTestDb());
});
afterAll(async () => {
  await close();
  for (const dir of copies) rmSync(dir, { recursive: true, force: true });
});

/** The shipped migrations folder, with `entry` added to its journal (a build newer than the database). */
function folderWithExtraEntry(entry: { when: number; tag: string }): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'migrations-'));
  copies.push(dir);
  cpSync(migrationsFolder(), dir, { recursive: true });
  const file = path.join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(file, 'utf8')) as { entries: { idx: number; when: number }[] };
  journal.entries.push({ ...entry, idx: journal.entries.length, version: '7', breakpoints: true } as never);
  writeFileSync(file, JSON.stringify(journal));
  return dir;
}

describe('migrationsApplied', () => {
  it('holds for a database migrated by this build', async () => {
    expect(await migrationsApplied(db)).toBe(true);
  });

  it('fails when the build ships a migration the database has not had', async () => {
    const newest = Math.max(
      ...(JSON.parse(readFileSync(path.join(migrationsFolder(), 'meta', '_journal.json'), 'utf8')) as { entries: { when: number }[] }).entries.map(
        (e) => e.when,
      ),
    );
    expect(await migrationsApplied(db, folderWithExtraEntry({ when: newest + 1, tag: '9999_later' }))).toBe(false);
  });

  it('fails when no migration was ever recorded', async () => {
    await db.execute(sql`delete from drizzle.__drizzle_migrations`);
    expect(await migrationsApplied(db)).toBe(false);
  });
});
