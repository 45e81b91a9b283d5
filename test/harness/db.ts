import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
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

/**
 * Registers the hooks that give the calling file (or `describe` block) a fresh `useTestDb()`
 * database, filled by `seed`: one for all its tests, or a new one for each with `{ each: true }`;
 * closed after. Read `.db` in tests and hooks, once the hook has set it.
 */
export function setUpTestDb(options: { each?: boolean; seed?: (db: Db) => Promise<void> } = {}): { readonly db: Db } {
  const handle = {} as { db: Db; close(): Promise<void> };
  (options.each ? beforeEach : beforeAll)(async () => {
    Object.assign(handle, await useTestDb());
    await options.seed?.(handle.db);
  });
  (options.each ? afterEach : afterAll)(async () => {
    await handle.close();
  });
  return handle;
}
