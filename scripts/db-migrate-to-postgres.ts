/**
 * `npm run db:migrate-to-postgres -- [<pglite-dir>] [--to <postgres-url>]`: moves a stopped
 * install's embedded database (PGlite) into an empty PostgreSQL database.
 *
 * The PGlite directory defaults to the app's (`DATA_DIR/pglite`), the target to `DATABASE_URL`;
 * both are read from the environment or the `.env` files, as `next start` does. The target's
 * migrations run first, then every table is copied in one transaction, verified (row count
 * and checksum per table) and committed only if all match. Field Review must be stopped: a
 * data directory that a process has open is refused.
 *
 * Exit codes: 0 moved and verified, 1 the copy failed or did not verify (nothing committed),
 * 2 a wrong argument, or refused (directory in use, target not empty).
 */
import path from 'node:path';
import { loadEnvConfig } from '@next/env';
import type { MoveResult, TableReport } from '../lib/server/db/move/move';

const USAGE = `Usage: npm run db:migrate-to-postgres -- [<pglite-dir>] [--to <postgres-url>]
  <pglite-dir>  the PGlite data directory (default: DATA_DIR/pglite, i.e. .data/pglite)
  --to <url>    the empty PostgreSQL database (default: DATABASE_URL)
Stop Field Review first. Exit codes: 0 moved and verified, 1 failed or mismatch, 2 wrong argument or refused.
`;

function parse(args: string[]): { dir?: string; to?: string; help?: boolean; error?: string } {
  const parsed: { dir?: string; to?: string; help?: boolean } = {};
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i];
    if (arg === '--help' || arg === '-h') parsed.help = true;
    else if (arg === '--to' && args[i + 1]) parsed.to = args[++i];
    else if (arg.startsWith('--to=')) parsed.to = arg.slice('--to='.length);
    else if (!arg.startsWith('-') && parsed.dir === undefined) parsed.dir = arg;
    else return { error: `unknown argument ${JSON.stringify(arg)}` };
  }
  return parsed;
}

function summary(tables: TableReport[]): string {
  const width = Math.max(5, ...tables.map((table) => table.table.length));
  const lines = [`${'table'.padEnd(width)}  ${'source'.padStart(9)}  ${'target'.padStart(9)}  checksum`];
  for (const table of tables) {
    const checksum = table.matches
      ? table.target.checksum.slice(0, 12)
      : `${table.source.checksum.slice(0, 12)} ≠ ${table.target.checksum.slice(0, 12)}`;
    lines.push(
      `${table.table.padEnd(width)}  ${String(table.source.rows).padStart(9)}  ${String(table.target.rows).padStart(9)}  ${checksum}  ${table.matches ? 'ok' : 'MISMATCH'}`,
    );
  }
  return lines.join('\n');
}

async function main(args: string[]): Promise<number> {
  const parsed = parse(args);
  if (parsed.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (parsed.error) {
    process.stderr.write(`db:migrate-to-postgres: ${parsed.error}\n${USAGE}`);
    return 2;
  }
  // The .env files `next start` reads (production); variables already set win, as in the app.
  loadEnvConfig(process.cwd(), false, { info: () => undefined, error: () => undefined });
  const targetUrl = parsed.to ?? process.env.DATABASE_URL;
  if (!targetUrl) {
    process.stderr.write(`db:migrate-to-postgres: no target: set DATABASE_URL or pass --to <postgres-url>\n${USAGE}`);
    return 2;
  }
  const pgliteDir = path.resolve(parsed.dir ?? path.join(process.env.DATA_DIR || '.data', 'pglite'));
  const { moveToPostgres } = await import('../lib/server/db/move/move-to-postgres');
  let result: MoveResult;
  try {
    result = await moveToPostgres({ pgliteDir, targetUrl, log: (line) => process.stdout.write(`${line}\n`) });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(
      `db:migrate-to-postgres: failed: ${message}\nThe copy runs in one transaction: nothing of it was committed. Fix the cause and run the command again.\n`,
    );
    return 1;
  }
  if (result.outcome === 'refused') {
    process.stderr.write(`db:migrate-to-postgres: refused: ${result.reason}\n`);
    return 2;
  }
  process.stdout.write(`\n${summary(result.tables)}\n\n`);
  if (result.outcome === 'mismatch') {
    process.stderr.write('db:migrate-to-postgres: the copy does not match the source; it was rolled back, the target is empty again.\n');
    return 1;
  }
  for (const sequence of result.sequences) process.stdout.write(`Sequence ${sequence.name}: next value ${sequence.next}\n`);
  process.stdout.write(`\nMoved and verified: ${result.tables.length} tables. Set DATABASE_URL to this database and start Field Review.\n`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`db:migrate-to-postgres: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
