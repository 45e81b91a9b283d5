import { getTableName } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import { expect } from 'vitest';
import * as schema from '@/lib/server/db/schema';
import { checksumTables } from '@/lib/server/db/move/checksum';
import { listTables, migrationHistory } from '@/lib/server/db/move/catalog';
import { setCanonicalText, type SqlClient } from '@/lib/server/db/move/sql-client';

/**
 * What a move or a restore must give: the same tables, each with the same rows (count and
 * checksum, computed here on both sides), the same migrations, and rows that read back the same.
 */
export async function expectSameDatabases(source: SqlClient, target: SqlClient): Promise<void> {
  await setCanonicalText(source);
  await setCanonicalText(target);
  const tables = await listTables(source);
  // The move finds tables in the catalog: it must see every table there, and every table of the Drizzle schema.
  const { rows: catalog } = await source.query<{ name: string }>(
    `select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
  );
  expect(tables.map((table) => table.name).sort()).toEqual(catalog.map((row) => row.name).sort());
  const declared = (Object.values(schema) as unknown[])
    .filter((value): value is PgTable => value instanceof PgTable)
    .map((table) => getTableName(table));
  expect(declared.filter((name) => !catalog.some((row) => row.name === name))).toEqual([]);
  expect((await listTables(target)).map((table) => table.name)).toEqual(tables.map((table) => table.name));
  expect(await checksumTables(target, tables)).toEqual(await checksumTables(source, tables));
  expect(await migrationHistory(target)).toEqual(await migrationHistory(source));
  for (const sample of [
    'select row_to_json(a)::text as row from audit_log a order by seq limit 5',
    'select row_to_json(a)::text as row from audit_log a order by seq desc limit 5',
    'select row_to_json(u)::text as row from users u order by email',
    'select row_to_json(v)::text as row from saved_views v order by name',
    'select row_to_json(w)::text as row from work_order_index w order by id limit 3',
  ]) {
    expect((await target.query(sample)).rows).toEqual((await source.query(sample)).rows);
  }
}

/** Every trigger of ours is enabled, the audit log's guards among them. */
export async function expectTriggersEnabled(client: SqlClient): Promise<void> {
  const { rows: disabled } = await client.query<{ name: string }>(
    `select tgname as name from pg_trigger where not tgisinternal and tgenabled <> 'O'`,
  );
  expect(disabled).toEqual([]);
  const { rows: guards } = await client.query<{ name: string }>(
    `select tgname as name from pg_trigger where tgrelid = 'audit_log'::regclass and not tgisinternal order by tgname`,
  );
  expect(guards.map((guard) => guard.name)).toEqual(['audit_log_no_delete', 'audit_log_no_truncate', 'audit_log_no_update']);
}

/** The audit log (holding rows) refuses rewrites and deletions, and every trigger of ours is enabled. */
export async function expectAuditLogGuarded(client: SqlClient): Promise<void> {
  await expectTriggersEnabled(client);
  const { rows: present } = await client.query<{ n: number }>(`select count(*)::int as n from audit_log where outcome <> 'pending'`);
  expect(present[0].n).toBeGreaterThan(0);
  await expect(client.query(`update audit_log set action = 'forged' where outcome <> 'pending'`)).rejects.toThrow(/immutable/);
  await expect(client.query(`delete from audit_log`)).rejects.toThrow(/append-only/);
}

/** A new audit row takes the next `seq` after the copied ones. */
export async function expectSequencesFollow(client: SqlClient): Promise<void> {
  const { rows: before } = await client.query<{ max: string }>(`select max(seq)::text as max from audit_log`);
  const { rows: inserted } = await client.query<{ seq: string }>(`insert into audit_log (action) values ('after_move') returning seq::text as seq`);
  expect(BigInt(inserted[0].seq)).toBe(BigInt(before[0].max) + 1n);
  const { rows: attempts } = await client.query<{ ok: boolean }>(
    `with next as (insert into sign_in_attempts (email, succeeded) values ('next@example.test', false) returning id)
     select (select id from next) > (select max(id) from sign_in_attempts where email <> 'next@example.test') as ok`,
  );
  expect(attempts[0].ok).toBe(true);
}
