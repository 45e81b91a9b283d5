import { getTableName, sql } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { closeDb, getDb, getHandle, isAdvisoryLockHeld, withAdvisoryLock } from '@/lib/server/db/client';
import * as schema from '@/lib/server/db/schema';
import { vacuumChangedTables } from '@/lib/server/index/maintenance';
import { pageStatement, scoped, searchPage, type ScopedQuery } from '@/lib/server/index/search';
import { EVERY_WORK_ORDER } from '@/lib/shared/work-order-scope';
import { parseWorkOrderQuery } from '@/lib/shared/work-order-filters';

// The same schema, migrations and guarantees on a real PostgreSQL server (DATABASE_URL), as a
// scaled-out deployment runs them. scripts/test.mjs starts a throwaway cluster for this project.
const url = process.env.DATABASE_URL;

describe.skipIf(!url)('PostgreSQL (DATABASE_URL)', () => {
  afterAll(async () => {
    await closeDb();
  });

  it('opens a PostgreSQL pool and applies every migration', async () => {
    const handle = await getHandle();
    expect(handle.driver).toBe('postgres');
    const db = await getDb();
    const tables = (Object.values(schema) as unknown[])
      .filter((value): value is PgTable => value instanceof PgTable)
      .map((table) => getTableName(table));
    expect(tables.length).toBeGreaterThan(3);
    const result = await db.execute(sql`select table_name from information_schema.tables where table_schema = 'public'`);
    const present = new Set(rowsOf<{ table_name: string }>(result).map((row) => row.table_name));
    expect(tables.filter((table) => !present.has(table))).toEqual([]);
  });

  it('starts again on an already-migrated database (a second instance, a restart)', async () => {
    await closeDb();
    const db = await getDb();
    const [row] = rowsOf<{ one: number }>(await db.execute(sql`select 1 as one`));
    expect(Number(row.one)).toBe(1);
  });

  it('runs with JIT off on every connection of the pool (seconds of compilation on large overviews)', async () => {
    const db = await getDb();
    const answers = await Promise.all(Array.from({ length: 4 }, () => db.execute(sql`show jit`)));
    expect(answers.map((answer) => rowsOf<{ jit: string }>(answer)[0].jit)).toEqual(['off', 'off', 'off', 'off']);
  });

  it('keeps e-mail addresses unique regardless of case', async () => {
    const db = await getDb();
    await db.insert(schema.users).values({ email: 'pg-unique@example.test', role: 'viewer' });
    await expect(db.insert(schema.users).values({ email: 'PG-Unique@example.test', role: 'viewer' })).rejects.toThrow();
  });

  it('keeps the audit log append-only', async () => {
    const db = await getDb();
    const [row] = await db.insert(schema.auditLog).values({ action: 'correction', outcome: 'pending' }).returning();
    await expect(db.delete(schema.auditLog).where(sql`${schema.auditLog.id} = ${row.id}`)).rejects.toThrow();
    await expect(
      db
        .update(schema.auditLog)
        .set({ action: 'forged' })
        .where(sql`${schema.auditLog.id} = ${row.id}`),
    ).rejects.toThrow();
    await db
      .update(schema.auditLog)
      .set({ outcome: 'applied' })
      .where(sql`${schema.auditLog.id} = ${row.id}`);
    const [after] = await db
      .select()
      .from(schema.auditLog)
      .where(sql`${schema.auditLog.id} = ${row.id}`);
    expect(after.outcome).toBe('applied');
    expect(after.action).toBe('correction');
  });

  it('lets one instance at a time hold an advisory lock, across connections', async () => {
    const key = 'field-review:test-lock';
    // Another "instance": its own connection, holding the lock.
    const other = new pg.Client({ connectionString: url });
    await other.connect();
    try {
      await other.query('select pg_advisory_lock(hashtext($1))', [key]);
      let ran = false;
      const busy = await withAdvisoryLock(key, async () => {
        ran = true;
      });
      expect(busy).toEqual({ acquired: false });
      expect(ran).toBe(false);

      await other.query('select pg_advisory_unlock(hashtext($1))', [key]);
      const free = await withAdvisoryLock(key, async () => 'done');
      expect(free).toEqual({ acquired: true, value: 'done' });
    } finally {
      await other.end();
    }
  });

  it('sees an advisory lock another instance holds, whatever the sign of its key', async () => {
    // The sync status reads pg_locks, where a bigint key is split into two unsigned halves.
    const keys = ['field-review:index-sync', 'field-review:test-lock', 'a', 'b', 'c', 'd'];
    const other = new pg.Client({ connectionString: url });
    await other.connect();
    try {
      const hashes = (await other.query<{ h: number }>('select hashtext(k) as h from unnest($1::text[]) k', [keys])).rows.map((row) => row.h);
      expect(hashes.some((h) => h < 0) && hashes.some((h) => h > 0)).toBe(true);
      for (const key of keys) {
        expect(await isAdvisoryLockHeld(key)).toBe(false);
        await other.query('select pg_advisory_lock(hashtext($1))', [key]);
        expect(await isAdvisoryLockHeld(key)).toBe(true);
        expect(await isAdvisoryLockHeld(`${key}:another`)).toBe(false);
        await other.query('select pg_advisory_unlock(hashtext($1))', [key]);
        expect(await isAdvisoryLockHeld(key)).toBe(false);
      }
    } finally {
      await other.end();
    }
  });
});

describe.skipIf(!url)('the work-order index on PostgreSQL', () => {
  afterAll(async () => {
    await closeDb();
  });

  const query = (raw: string): ScopedQuery => {
    const parsed = parseWorkOrderQuery(raw);
    if (!parsed.ok) throw new Error(raw);
    return scoped(parsed.query, EVERY_WORK_ORDER);
  };

  it('vacuums what a sync wrote, and reads the same pages with either plan', async () => {
    const db = await getDb();
    try {
      await readPagesBothWays(db);
    } finally {
      // Leave the shared database as other files expect it.
      await db.execute(sql`delete from work_order_index where id like 'pg-wo-%'`);
    }
  });

  async function readPagesBothWays(db: Awaited<ReturnType<typeof getDb>>) {
    await db.execute(sql`
      insert into work_order_index (id, name, create_date, update_date, progress_score, tags)
      select 'pg-wo-' || i, 'Work order ' || i, now() - make_interval(mins => i), now(), i % 101,
             case when i % 50 = 0 then array['rare'] else array[]::text[] end
        from generate_series(1, 2000) as i`);
    // Other pool connections publish their table statistics within about a second.
    let vacuumed: string[] = [];
    for (let attempt = 0; attempt < 20 && !vacuumed.includes('work_order_index'); attempt += 1) {
      vacuumed = (await vacuumChangedTables(db)).map((action) => action.table);
      if (!vacuumed.includes('work_order_index')) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(vacuumed).toContain('work_order_index');

    expect((await searchPage(db, query('review=all&tag=rare'))).total).toBe(40);
    for (const raw of ['review=all&sort=name', 'review=all&tag=rare&sort=-create_date', 'sort=-progress_score']) {
      const walk = (await pageStatement(db, query(raw), 'walk', 25, 10)).map((row) => row.id);
      const filterFirst = (await pageStatement(db, query(raw), 'filter-first', 25, 10)).map((row) => row.id);
      expect(walk).toHaveLength(25);
      expect(filterFirst).toEqual(walk);
    }
    // The last page is read from the other end, in the same order.
    const last = await searchPage(db, query('review=all&sort=name&pageSize=25&page=80'));
    const direct = await pageStatement(db, query('review=all&sort=name'), 'walk', 25, 1975);
    expect(last.rows.map((row) => row.id)).toEqual(direct.map((row) => row.id));
  }
});

/** node-postgres results carry their rows in `rows` (the Db type is driver-neutral). */
function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}
