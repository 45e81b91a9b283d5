import 'server-only';
import fs from 'node:fs';
import path from 'node:path';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { AppError } from '@/lib/server/http/errors';
import { logger } from '@/lib/server/logger';
import { migrationsFolder } from './migrations-folder';
import * as schema from './schema';

/** A Drizzle Postgres database typed with the full schema — PGlite or node-postgres. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

interface DbHandle {
  db: Db;
  driver: 'pglite' | 'postgres';
  /** Runs `fn` holding a session-level advisory lock on one connection; null if busy. */
  tryLock<T>(key: string, fn: () => Promise<T>): Promise<{ acquired: true; value: T } | { acquired: false }>;
  /** Whether anyone (this process or another instance) holds the advisory lock `key` now. */
  isLocked(key: string): Promise<boolean>;
  close(): Promise<void>;
}

// One database per process, kept on globalThis so that dev-mode module reloads reuse it
// instead of opening a second PGlite on the same data directory (which would corrupt it).
const GLOBAL_KEY = Symbol.for('field-review.db');
type GlobalWithDb = typeof globalThis & { [GLOBAL_KEY]?: Promise<DbHandle> };
const globalStore = globalThis as GlobalWithDb;

export function dataDir(): string {
  // Not a build-time path: keep Turbopack from tracing the whole project because of it.
  return path.resolve(/*turbopackIgnore: true*/ process.env.DATA_DIR || '.data');
}

/** The process-wide database, opened and migrated on first use. */
export async function getDb(): Promise<Db> {
  return (await getHandle()).db;
}

export function getHandle(): Promise<DbHandle> {
  if (!globalStore[GLOBAL_KEY]) {
    const opening = openDatabase().catch((cause: unknown) => {
      // Let the next call try again (e.g. PostgreSQL was not up yet) instead of caching a failure.
      delete globalStore[GLOBAL_KEY];
      throw new AppError('database_unavailable', { cause });
    });
    globalStore[GLOBAL_KEY] = opening;
  }
  return globalStore[GLOBAL_KEY];
}

async function openDatabase(): Promise<DbHandle> {
  const url = process.env.DATABASE_URL;
  if (url) return openPostgres(url);
  const dir = path.join(dataDir(), 'pglite');
  fs.mkdirSync(dir, { recursive: true });
  return openPglite(dir);
}

/** PGlite (embedded Postgres). `dataDir` undefined = in memory. Exported for tests. */
export async function openPglite(dir?: string): Promise<DbHandle> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  const client = dir ? await PGlite.create(dir) : await PGlite.create();
  const db = drizzle({ client, schema });
  await migrate(db, { migrationsFolder: migrationsFolder() });
  // PGlite is a single session: Postgres advisory locks are re-entrant within a session, so
  // an in-process set is what makes "one at a time" hold between concurrent callers here.
  const held = new Set<string>();
  return {
    db: db as unknown as Db,
    driver: 'pglite',
    async tryLock(key, fn) {
      if (held.has(key)) return { acquired: false };
      held.add(key);
      try {
        return await withTryAdvisoryLock(client, key, fn);
      } finally {
        held.delete(key);
      }
    },
    // One session, one process: no other instance can hold a lock on this database.
    isLocked: async (key) => held.has(key),
    close: () => client.close(),
  };
}

/** The one query method both drivers' connections share (PGlite, pg `PoolClient`). */
interface Queryable {
  query<R>(sql: string, params: unknown[]): Promise<{ rows: R[] }>;
}

/** Runs `fn` holding a session-level advisory lock on `client`'s connection, if it is free. */
async function withTryAdvisoryLock<T>(
  client: Queryable,
  key: string,
  fn: () => Promise<T>,
): Promise<{ acquired: true; value: T } | { acquired: false }> {
  const result = await client.query<{ locked: boolean }>('select pg_try_advisory_lock(hashtext($1)) as locked', [key]);
  if (!result.rows[0]?.locked) return { acquired: false };
  try {
    return { acquired: true, value: await fn() };
  } finally {
    await client.query('select pg_advisory_unlock(hashtext($1))', [key]);
  }
}

async function openPostgres(url: string): Promise<DbHandle> {
  const { Pool } = await import('pg');
  const { drizzle } = await import('drizzle-orm/node-postgres');
  const { migrate } = await import('drizzle-orm/node-postgres/migrator');
  const pool = new Pool({
    connectionString: url,
    max: Number(process.env.DATABASE_POOL_MAX) || 10,
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
  });
  // Our statements are short and planned fresh each time: PostgreSQL's JIT compiles the costly
  // ones (large estimated row counts) for about a second each, which at a million work orders is
  // most of a filtered overview's time. A plain SET on each new connection, rather than a startup
  // option, so connection poolers that refuse startup parameters still work.
  pool.on('connect', (client) => {
    client.query('SET jit = off').catch((error: unknown) => logger.warn({ event: 'database_jit_off_failed', err: error }, 'could not turn JIT off'));
  });
  // An idle client losing its connection must not crash the process.
  pool.on('error', (error) => logger.error({ event: 'database_idle_client_error', err: error }, 'idle PostgreSQL client error'));
  const db = drizzle({ client: pool, schema });

  // Several instances may start together: migrate under a blocking advisory lock.
  const migrator = await pool.connect();
  try {
    await migrator.query("select pg_advisory_lock(hashtext('field-review:migrations'))");
    try {
      await migrate(drizzle({ client: migrator, schema }), { migrationsFolder: migrationsFolder() });
    } finally {
      await migrator.query("select pg_advisory_unlock(hashtext('field-review:migrations'))");
    }
  } finally {
    migrator.release();
  }

  return {
    db: db as unknown as Db,
    driver: 'postgres',
    async tryLock(key, fn) {
      // Session-level locks belong to one connection: hold a dedicated client throughout.
      const client = await pool.connect();
      try {
        return await withTryAdvisoryLock(client, key, fn);
      } finally {
        client.release();
      }
    },
    async isLocked(key) {
      // Read from pg_locks rather than tried: trying would take the lock for a moment and make
      // the instance that wants it then find it busy. A bigint key is stored as its high and
      // low 32 bits (classid, objid), with objsubid 1.
      const result = await pool.query<{ locked: boolean }>(
        `select exists(select 1 from pg_locks where locktype = 'advisory' and granted and objsubid = 1
           and ((classid::bigint << 32) | objid::bigint) = hashtext($1)::bigint) as locked`,
        [key],
      );
      return result.rows[0]?.locked === true;
    },
    close: () => pool.end(),
  };
}

/**
 * Runs `fn` only if no other caller — in this process or any instance sharing the
 * database — holds `key`. Returns `{ acquired: false }` without waiting when busy.
 */
export async function withAdvisoryLock<T>(key: string, fn: () => Promise<T>): Promise<{ acquired: true; value: T } | { acquired: false }> {
  return (await getHandle()).tryLock(key, fn);
}

/** Whether any caller, in this process or any instance sharing the database, holds `key` now. */
export async function isAdvisoryLockHeld(key: string): Promise<boolean> {
  return (await getHandle()).isLocked(key);
}

/** Closes the process-wide database (tests, graceful shutdown). */
export async function closeDb(): Promise<void> {
  const handle = globalStore[GLOBAL_KEY];
  delete globalStore[GLOBAL_KEY];
  if (handle) await (await handle).close();
}
