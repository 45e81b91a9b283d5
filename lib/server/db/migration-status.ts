import 'server-only';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Db } from './client';
import { migrationsFolder } from './migrations-folder';
import { selectRows } from './sql';

/**
 * Whether the database has every migration this build ships. Drizzle records each applied
 * migration with the `when` of its journal entry and applies, in order, those newer than the
 * last one recorded: the database is up to date when that last one is at least the journal's
 * newest. A database migrated by a newer build also counts as up to date (a rolling update).
 */
export async function migrationsApplied(db: Db, folder = migrationsFolder()): Promise<boolean> {
  const newest = newestJournalEntry(folder);
  const [row] = await selectRows<{ applied: string | number | null }>(db, sql`select max(created_at) as applied from drizzle.__drizzle_migrations`);
  const applied = row?.applied;
  return applied !== null && applied !== undefined && Number(applied) >= newest;
}

function newestJournalEntry(folder: string): number {
  const journal = JSON.parse(readFileSync(path.join(folder, 'meta', '_journal.json'), 'utf8')) as { entries: { when: number }[] };
  return Math.max(0, ...journal.entries.map((entry) => entry.when));
}
