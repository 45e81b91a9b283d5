/**
 * `npm run db:backup -- <dest> [<pglite-dir>]`: copies the embedded database (PGlite data
 * directory, default `DATA_DIR/pglite`) to `<dest>`, a path that must not exist yet. Field
 * Review must be stopped: a directory a process has open is refused. To restore, stop the app
 * and copy `<dest>` back in place of the data directory. (A PostgreSQL database is backed up
 * with `pg_dump -Fc`: see the README.)
 *
 * Exit codes: 0 copied, 1 the copy failed, 2 a wrong argument or refused.
 */
import path from 'node:path';
import { loadEnvConfig } from '@next/env';
import { backupPglite } from '../lib/server/db/move/pglite-backup';

const USAGE = `Usage: npm run db:backup -- <dest> [<pglite-dir>]
  <dest>        where to copy the data directory (must not exist)
  <pglite-dir>  the PGlite data directory (default: DATA_DIR/pglite, i.e. .data/pglite)
Stop Field Review first. Exit codes: 0 copied, 1 failed, 2 wrong argument or refused.
`;

function main(args: string[]): number {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (args.length < 1 || args.length > 2 || args.some((arg) => arg.startsWith('-'))) {
    process.stderr.write(`db:backup: expected <dest> [<pglite-dir>]\n${USAGE}`);
    return 2;
  }
  loadEnvConfig(process.cwd(), false, { info: () => undefined, error: () => undefined });
  if (process.env.DATABASE_URL)
    process.stderr.write('db:backup: note: DATABASE_URL is set, so the app uses PostgreSQL; this copies the PGlite directory only.\n');
  const dir = path.resolve(args[1] ?? path.join(process.env.DATA_DIR || '.data', 'pglite'));
  const dest = path.resolve(args[0]);
  const result = backupPglite(dir, dest);
  if (result.outcome === 'refused') {
    process.stderr.write(`db:backup: refused: ${result.reason}\n`);
    return 2;
  }
  process.stdout.write(`Copied ${dir} to ${dest}.\n`);
  return 0;
}

try {
  process.exit(main(process.argv.slice(2)));
} catch (error) {
  process.stderr.write(`db:backup: the copy failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
