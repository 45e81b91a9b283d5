/**
 * Bulk loading for the benchmarks that grow the index to a million work orders. Imports server
 * modules' types only; load it once the benchmark runs under the `react-server` condition.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../lib/server/db/client';

const GROWN_TABLES = ['work_order_index', 'work_order_task_index'];

/**
 * Drops the secondary indexes of the index and per-task tables, the per-task table's primary key
 * and its foreign key to the index (definitions read from the catalog), and returns what puts
 * them back as they were. Tens of millions of per-row index insertions and foreign-key checks
 * become one sort per index and one set-based validation: the way to load a million work orders
 * (and their millions of task rows) in minutes. The indexes come back freshly built, as after a
 * REINDEX, where an index grown by years of syncs would have some slack in its pages.
 */
export async function dropIndexes(db: Db): Promise<() => Promise<void>> {
  const tables = sql.raw(GROWN_TABLES.map((table) => `'${table}'::regclass`).join(', '));
  const constraints = (await db.execute(sql`
    select conrelid::regclass::text as "table", conname as name, contype as kind, pg_get_constraintdef(oid) as definition
      from pg_constraint where conrelid in (${tables}) and contype in ('f', 'p')
       and not (contype = 'p' and conrelid = 'work_order_index'::regclass)`)) as unknown as {
    rows: { table: string; name: string; kind: string; definition: string }[];
  };
  const indexes = (await db.execute(sql`
    select indexrelid::regclass::text as name, pg_get_indexdef(indexrelid) as definition from pg_index i
     where indrelid in (${tables}) and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)`)) as unknown as {
    rows: { name: string; definition: string }[];
  };
  const keys = constraints.rows.filter((c) => c.kind === 'p');
  const foreignKeys = constraints.rows.filter((c) => c.kind === 'f');
  // Foreign keys before the key they may lean on.
  for (const c of [...foreignKeys, ...keys]) await db.execute(sql`alter table ${sql.identifier(c.table)} drop constraint ${sql.identifier(c.name)}`);
  for (const index of indexes.rows) await db.execute(sql.raw(`drop index ${index.name}`));
  return async () => {
    await db.transaction(async (tx) => {
      await tx.execute(sql`set local maintenance_work_mem = '1GB'`);
      const add = (c: { table: string; name: string; definition: string }) =>
        tx.execute(sql.raw(`alter table ${c.table} add constraint "${c.name}" ${c.definition}`));
      for (const c of keys) await add(c);
      for (const index of indexes.rows) await tx.execute(sql.raw(index.definition));
      // Validated last, with every index in place: one join instead of a check per row.
      for (const c of foreignKeys) await add(c);
    });
  };
}

/** Runs `load` with the indexes dropped (see `dropIndexes`), then rebuilds them. */
export async function withIndexesRebuilt(db: Db, load: () => Promise<unknown>): Promise<void> {
  const restore = await dropIndexes(db);
  await load();
  await restore();
}
