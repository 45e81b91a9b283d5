import { openPglite, type Db } from '@/lib/server/db/client';

/**
 * A fresh in-memory PGlite with every migration applied, for unit tests. Each call is a
 * separate database; call `close()` in `afterEach`/`afterAll`.
 * To make code that calls `getDb()` use it, see `useTestDb()`.
 */
export async function createTestDb(): Promise<{ db: Db; close(): Promise<void> }> {
  const handle = await openPglite();
  return { db: handle.db, close: handle.close };
}

const GLOBAL_KEY = Symbol.for('field-review.db');

/**
 * Creates a test database and installs it as the process-wide one, so modules that call
 * `getDb()` / `withAdvisoryLock()` use it. Returns the same as `createTestDb()`.
 */
export async function useTestDb(): Promise<{ db: Db; close(): Promise<void> }> {
  const handle = await openPglite();
  (globalThis as Record<symbol, unknown>)[GLOBAL_KEY] = Promise.resolve(handle);
  return {
    db: handle.db,
    async close() {
      if ((globalThis as Record<symbol, unknown>)[GLOBAL_KEY] !== undefined) delete (globalThis as Record<symbol, unknown>)[GLOBAL_KEY];
      await handle.close();
    },
  };
}
