import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { migrationsFolder } from '@/lib/server/db/migrations-folder';

interface Journal {
  entries: { tag: string }[];
}

/**
 * A copy of the migrations folder that stops just before `tag`: a test migrates a database to
 * that point, writes rows as the older schema held them, then runs the real folder to see how
 * the migration `tag` treats existing data.
 */
export function migrationsBefore(tag: string): { folder: string; remove(): void } {
  const source = migrationsFolder();
  const journal = JSON.parse(readFileSync(path.join(source, 'meta', '_journal.json'), 'utf8')) as Journal;
  const stop = journal.entries.findIndex((entry) => entry.tag === tag);
  if (stop < 0) throw new Error(`no migration ${tag}`);
  const folder = mkdtempSync(path.join(tmpdir(), 'field-review-migrations-'));
  mkdirSync(path.join(folder, 'meta'));
  const kept = journal.entries.slice(0, stop);
  writeFileSync(path.join(folder, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries: kept }));
  for (const entry of kept) copyFileSync(path.join(source, `${entry.tag}.sql`), path.join(folder, `${entry.tag}.sql`));
  return { folder, remove: () => rmSync(folder, { recursive: true, force: true }) };
}
