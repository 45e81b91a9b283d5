import { existsSync } from 'node:fs';
import path from 'node:path';
import { migrationsFolder } from '@/lib/server/db/migrations-folder';
import { processesUsing } from './in-use';
import { moveDatabase, type MoveResult } from './move';
import type { SqlClient } from './sql-client';

/** Why `dir` cannot be read as a PGlite data directory now, or null. */
export function pgliteDirProblem(dir: string): string | null {
  if (!existsSync(path.join(dir, 'PG_VERSION'))) return `${dir} is not a PGlite data directory (no PG_VERSION file)`;
  const users = processesUsing(dir);
  if (users && users.length > 0) {
    return `the PGlite data directory ${dir} is in use by process ${users.join(', ')}: stop Field Review (and anything else using it) first`;
  }
  return null;
}

/**
 * `npm run db:migrate-to-postgres`: moves a stopped install's PGlite data directory into an
 * empty PostgreSQL database (see `moveDatabase`). The PGlite directory is brought to this
 * version's migrations first, as starting the app would, and is otherwise only read.
 */
export async function moveToPostgres(options: {
  pgliteDir: string;
  targetUrl: string;
  log?: (line: string) => void;
  batchRows?: number;
}): Promise<MoveResult> {
  const log = options.log ?? (() => undefined);
  const problem = pgliteDirProblem(options.pgliteDir);
  if (problem) return { outcome: 'refused', reason: problem };
  if (processesUsing(options.pgliteDir) === null) log(`Cannot see which processes use ${options.pgliteDir} here: make sure Field Review is stopped.`);

  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle: drizzlePglite } = await import('drizzle-orm/pglite');
  const { migrate: migratePglite } = await import('drizzle-orm/pglite/migrator');
  const { drizzle: drizzlePostgres } = await import('drizzle-orm/node-postgres');
  const { migrate: migratePostgres } = await import('drizzle-orm/node-postgres/migrator');
  const pg = (await import('pg')).default;
  const folder = migrationsFolder();

  // The target first: an unreachable server fails the move before the source is even opened.
  const target = new pg.Client({ connectionString: options.targetUrl });
  await target.connect();
  try {
    log(`Target: PostgreSQL at ${safeUrl(options.targetUrl)}`);
    log(`Source: PGlite at ${options.pgliteDir}`);
    const source = await PGlite.create(options.pgliteDir);
    try {
      await migratePglite(drizzlePglite({ client: source }), { migrationsFolder: folder });
      const baseline = await PGlite.create();
      try {
        await migratePglite(drizzlePglite({ client: baseline }), { migrationsFolder: folder });
        return await moveDatabase(
          {
            source: sqlClient(source),
            target: sqlClient(target),
            baseline: sqlClient(baseline),
            migrateTarget: async () => {
              await migratePostgres(drizzlePostgres({ client: target }), { migrationsFolder: folder });
            },
          },
          { log, batchRows: options.batchRows },
        );
      } finally {
        await baseline.close();
      }
    } finally {
      await source.close();
    }
  } finally {
    await target.end();
  }
}

/** Either driver's connection as a `SqlClient`. */
export function sqlClient(connection: { query(statement: string, params?: unknown[]): Promise<{ rows: unknown[] }> }): SqlClient {
  return { query: async <R>(statement: string, params?: unknown[]) => (await connection.query(statement, params)) as { rows: R[] } };
}

/** A connection string without its password, for messages. */
export function safeUrl(raw: string): string {
  try {
    const url = new URL(raw);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return '(not a URL)';
  }
}
