import 'server-only';
import { sql } from 'drizzle-orm';
import type { Db } from '@/lib/server/db/client';
import { selectRows } from '@/lib/server/db/sql';

/**
 * Autovacuum's job, done after each sync run. PGlite (the embedded default) runs no
 * autovacuum daemon: without this, every updated row leaves a dead tuple for good and the
 * visibility map stays empty, so counts and deep pages cannot use index-only scans (a
 * 100k-row count reads the heap: ~5× slower). On a PostgreSQL server it does early what
 * autovacuum would do later, and only for tables that changed.
 *
 * Thresholds are tighter than autovacuum's defaults (20 % dead) because what we are after is
 * a current visibility map, and a vacuum of a mostly clean table is cheap.
 */

const VACUUM_BASE = 50;
const VACUUM_SCALE = 0.01;
const ANALYZE_BASE = 50;
const ANALYZE_SCALE = 0.1;

interface TableActivity {
  table: string;
  live: number;
  dead: number;
  insertedSinceVacuum: number;
  modifiedSinceAnalyze: number;
}

export interface MaintenanceAction {
  table: string;
  analyze: boolean;
}

/** Which tables need a vacuum (and which of those an analyze too), from the table statistics. */
export function maintenancePlan(tables: readonly TableActivity[]): MaintenanceAction[] {
  return tables
    .filter((t) => t.dead + t.insertedSinceVacuum >= VACUUM_BASE + VACUUM_SCALE * t.live)
    .map((t) => ({ table: t.table, analyze: t.modifiedSinceAnalyze >= ANALYZE_BASE + ANALYZE_SCALE * t.live }));
}

async function tableActivity(db: Db): Promise<TableActivity[]> {
  // This session's own counts reach pg_stat_* only when it goes idle (at most once a second):
  // flush them at the end of this statement, so the next one sees the sync's writes.
  await db.execute(sql`select pg_stat_force_next_flush()`);
  const rows = await selectRows<{ table: string; live: string; dead: string; inserted: string; modified: string }>(
    db,
    sql`select relname as "table", n_live_tup as live, n_dead_tup as dead,
               n_ins_since_vacuum as inserted, n_mod_since_analyze as modified
          from pg_stat_user_tables where schemaname = current_schema()`,
  );
  return rows.map((row) => ({
    table: row.table,
    live: Number(row.live),
    dead: Number(row.dead),
    insertedSinceVacuum: Number(row.inserted),
    modifiedSinceAnalyze: Number(row.modified),
  }));
}

/** Vacuums (and analyzes) the tables that changed enough since their last vacuum; returns them. */
export async function vacuumChangedTables(db: Db): Promise<MaintenanceAction[]> {
  const plan = maintenancePlan(await tableActivity(db));
  for (const action of plan) {
    // One statement per table: VACUUM cannot run inside a transaction block.
    await db.execute(action.analyze ? sql`vacuum (analyze) ${sql.identifier(action.table)}` : sql`vacuum ${sql.identifier(action.table)}`);
  }
  return plan;
}
