import { createHash } from 'node:crypto';
import { ident, type SqlClient } from './sql-client';
import { SCHEMA, type TableInfo } from './catalog';

export interface TableChecksum {
  table: string;
  rows: number;
  /** 32 hex digits; equal on two databases when the tables hold the same rows. */
  checksum: string;
}

/**
 * The row count and a checksum of one table, from one SQL statement that both servers run
 * the same way: each row's text (its columns in the order given, so both sides hash the same
 * fields) is hashed with md5, and the 128 bits are summed as two 64-bit halves. A sum does
 * not depend on row order, so it needs no sort (no collation can reorder text keys between two
 * servers) and no memory beyond the aggregate, however large the table. Call
 * `setCanonicalText` on the connection first.
 */
export async function tableChecksum(client: SqlClient, table: string, columns: readonly string[]): Promise<TableChecksum> {
  const row = `row(${columns.map((column) => `t.${ident(column)}`).join(', ')})::text`;
  const half = (from: number) => `coalesce(sum(('x' || substr(h, ${from}, 16))::bit(64)::bigint::numeric), 0)::text`;
  const {
    rows: [result],
  } = await client.query<{ rows: string; high: string; low: string }>(
    `select count(*)::text as rows, ${half(1)} as high, ${half(17)} as low
       from (select md5(${row}) as h from ${ident(SCHEMA)}.${ident(table)} t) hashed`,
  );
  const checksum = createHash('md5').update(`${result.rows}:${result.high}:${result.low}`).digest('hex');
  return { table, rows: Number(result.rows), checksum };
}

/** `tableChecksum` of every table given, over all of its columns. */
export async function checksumTables(client: SqlClient, tables: readonly TableInfo[]): Promise<TableChecksum[]> {
  const sums: TableChecksum[] = [];
  for (const table of tables) {
    sums.push(
      await tableChecksum(
        client,
        table.name,
        table.columns.map((column) => column.name),
      ),
    );
  }
  return sums;
}
