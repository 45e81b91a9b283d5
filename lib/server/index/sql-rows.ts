import type { SQL } from 'drizzle-orm';
import type { Db } from '@/lib/server/db/client';

/**
 * Runs raw SQL and returns its rows. `Db` is typed for both drivers (PGlite and node-postgres),
 * so `execute` is `unknown`; both drivers answer `{ rows }`.
 */
export async function selectRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as { rows?: T[] };
  return result.rows ?? [];
}
