import { ident, type SqlClient } from './sql-client';

/** The schema our migrations create tables in. */
export const SCHEMA = 'public';

export interface ColumnInfo {
  name: string;
  /** The full SQL type, e.g. `timestamp with time zone`, `text[]`. */
  type: string;
  /** A generated column: the target computes it, it is never written. */
  generated: boolean;
}

export interface TableInfo {
  name: string;
  /** Every column, in the table's order. */
  columns: ColumnInfo[];
  /** The primary key's columns, in the key's order (empty: the table has none). */
  primaryKey: string[];
  /** Tables this one's foreign keys point to (other than itself). */
  references: string[];
  /** Whether the table has triggers of its own (not the ones behind constraints). */
  hasUserTriggers: boolean;
}

/**
 * Every table of our schema, read from the database's catalog rather than from a list in the
 * code, so a table added by a later migration is moved and verified without anyone
 * remembering to name it. Sorted so that a table comes after the tables it references.
 */
export async function listTables(client: SqlClient): Promise<TableInfo[]> {
  const { rows: tables } = await client.query<{ name: string }>(
    `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = $1 and c.relkind in ('r', 'p') order by c.relname`,
    [SCHEMA],
  );
  const { rows: columns } = await client.query<{ table: string; name: string; type: string; generated: string }>(
    `select c.relname as table, a.attname as name, format_type(a.atttypid, a.atttypmod) as type, a.attgenerated::text as generated
       from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = $1 and c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped
      order by c.relname, a.attnum`,
    [SCHEMA],
  );
  const { rows: keys } = await client.query<{ table: string; name: string }>(
    `select c.relname as table, a.attname as name
       from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_namespace n on n.oid = c.relnamespace
       cross join lateral unnest(k.conkey) with ordinality as key(attnum, position)
       join pg_attribute a on a.attrelid = c.oid and a.attnum = key.attnum
      where n.nspname = $1 and k.contype = 'p'
      order by c.relname, key.position`,
    [SCHEMA],
  );
  const { rows: references } = await client.query<{ table: string; target: string }>(
    `select distinct c.relname as table, t.relname as target
       from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_class t on t.oid = k.confrelid
       join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = $1 and k.contype = 'f' and k.conrelid <> k.confrelid`,
    [SCHEMA],
  );
  const { rows: triggers } = await client.query<{ table: string }>(
    `select distinct c.relname as table from pg_trigger g join pg_class c on c.oid = g.tgrelid
       join pg_namespace n on n.oid = c.relnamespace where n.nspname = $1 and not g.tgisinternal`,
    [SCHEMA],
  );
  const withTriggers = new Set(triggers.map((row) => row.table));
  const infos = tables.map(({ name }): TableInfo => ({
    name,
    columns: columns
      .filter((column) => column.table === name)
      .map((column) => ({ name: column.name, type: column.type, generated: column.generated !== '' })),
    primaryKey: keys.filter((key) => key.table === name).map((key) => key.name),
    references: references.filter((reference) => reference.table === name).map((reference) => reference.target),
    hasUserTriggers: withTriggers.has(name),
  }));
  return referencedFirst(infos);
}

/** Tables ordered so that each comes after those its foreign keys point to (then by name). */
export function referencedFirst(tables: TableInfo[]): TableInfo[] {
  const byName = new Map(tables.map((table) => [table.name, table]));
  const ordered: TableInfo[] = [];
  const placed = new Set<string>();
  const visiting = new Set<string>();
  const place = (table: TableInfo) => {
    if (placed.has(table.name)) return;
    if (visiting.has(table.name)) throw new Error(`foreign keys form a cycle through ${table.name}`);
    visiting.add(table.name);
    for (const target of table.references) {
      const referenced = byName.get(target);
      if (referenced) place(referenced);
    }
    visiting.delete(table.name);
    placed.add(table.name);
    ordered.push(table);
  };
  for (const table of tables) place(table);
  return ordered;
}

export interface SequenceInfo {
  name: string;
  lastValue: string;
  isCalled: boolean;
  /** The column the sequence feeds (`serial`, `bigserial`, identity), if any. */
  ownedBy: { table: string; column: string } | null;
}

/** Every sequence of our schema with its current state. */
export async function listSequences(client: SqlClient): Promise<SequenceInfo[]> {
  const { rows } = await client.query<{ name: string; table: string | null; column: string | null }>(
    `select s.relname as name, t.relname as table, a.attname as column
       from pg_class s join pg_namespace n on n.oid = s.relnamespace
       left join pg_depend d on d.objid = s.oid and d.classid = 'pg_class'::regclass and d.refclassid = 'pg_class'::regclass and d.deptype in ('a', 'i')
       left join pg_class t on t.oid = d.refobjid
       left join pg_attribute a on a.attrelid = d.refobjid and a.attnum = d.refobjsubid
      where n.nspname = $1 and s.relkind = 'S' order by s.relname`,
    [SCHEMA],
  );
  const sequences: SequenceInfo[] = [];
  for (const row of rows) {
    const {
      rows: [state],
    } = await client.query<{ last_value: string; is_called: boolean }>(
      `select last_value::text as last_value, is_called from ${ident(SCHEMA)}.${ident(row.name)}`,
    );
    sequences.push({
      name: row.name,
      lastValue: state.last_value,
      isCalled: state.is_called,
      ownedBy: row.table && row.column ? { table: row.table, column: row.column } : null,
    });
  }
  return sequences;
}

export interface MigrationRecord {
  hash: string;
  createdAt: string;
}

/** The migrations applied to a database, oldest first (none: it was never migrated). */
export async function migrationHistory(client: SqlClient): Promise<MigrationRecord[]> {
  const { rows: present } = await client.query<{ present: boolean }>(`select to_regclass('drizzle.__drizzle_migrations') is not null as present`);
  if (!present[0]?.present) return [];
  const { rows } = await client.query<{ hash: string; created_at: string }>(
    `select hash, created_at::text as created_at from drizzle.__drizzle_migrations order by created_at, id`,
  );
  return rows.map((row) => ({ hash: row.hash, createdAt: row.created_at }));
}
