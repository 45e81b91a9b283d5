import { sql, type Column, type SQL } from 'drizzle-orm';
import type { Db } from '@/lib/server/db/client';

/**
 * Runs raw SQL and returns its rows. `Db` is typed for both drivers (PGlite and node-postgres),
 * so `execute` is `unknown`; both drivers answer `{ rows }`.
 */
export async function selectRows<T>(db: Pick<Db, 'execute'>, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as { rows?: T[] };
  return result.rows ?? [];
}

/** `column in (...)` over many ids as one bind value (a JSON array), whatever their number. */
export function idIn(column: Column | SQL, ids: readonly string[]): SQL {
  return sql`${column} in (select json_array_elements_text(${JSON.stringify(ids)}::json))`;
}

/**
 * Lets the event loop run (timers, sockets) between two statements. PGlite executes in this
 * thread and resolves without leaving the microtask queue, so a run of statements would
 * otherwise hold the loop for all of them: upstream answers in flight (the sync reads the next
 * page meanwhile) would sit unread until their timeouts fired.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
