import { ident, type SqlClient } from './sql-client';
import { SCHEMA, type TableInfo } from './catalog';

/** At most this many bind values in one INSERT (PostgreSQL's limit is 65,535). */
const MAX_PARAMS = 30_000;

/**
 * Copies every row of `table` from `source` to `target` in batches read in primary-key order
 * (keyset: each batch starts after the last key of the one before), so memory holds one
 * batch whatever the table's size. Values travel as text and are cast back to the column's
 * type, which keeps them exact (ids, sequence numbers, microseconds of timestamps, JSON).
 * Generated columns are left for the target to compute. Returns the number of rows copied.
 */
export async function copyTable(
  source: SqlClient,
  target: SqlClient,
  table: TableInfo,
  options: { batchRows?: number; onBatch?: (copied: number) => void } = {},
): Promise<number> {
  if (table.primaryKey.length === 0) throw new Error(`table ${table.name} has no primary key: cannot copy it in a stable order`);
  const columns = table.columns.filter((column) => !column.generated);
  const typeOf = new Map(table.columns.map((column) => [column.name, column.type]));
  const batchRows = Math.max(1, Math.min(options.batchRows ?? 1000, Math.floor(MAX_PARAMS / columns.length)));
  const qualified = `${ident(SCHEMA)}.${ident(table.name)}`;
  const keyList = table.primaryKey.map(ident).join(', ');
  const select = columns.map((column, i) => `${ident(column.name)}::text as c${i}`).join(', ');
  const keySelect = table.primaryKey.map((key, i) => `${ident(key)}::text as k${i}`).join(', ');
  const after = `(${keyList}) > (${table.primaryKey.map((key, i) => `$${i + 1}::${typeOf.get(key)}`).join(', ')})`;
  const insertHead = `insert into ${qualified} (${columns.map((column) => ident(column.name)).join(', ')}) overriding system value values `;

  let copied = 0;
  let last: string[] | null = null;
  for (;;) {
    const { rows }: { rows: Record<string, string | null>[] } = await source.query<Record<string, string | null>>(
      `select ${select}, ${keySelect} from ${qualified} ${last ? `where ${after}` : ''} order by ${keyList} limit ${batchRows}`,
      last ?? [],
    );
    if (rows.length === 0) break;
    const params: unknown[] = [];
    const tuples = rows.map((row) => {
      const placeholders = columns.map((column, i) => {
        params.push(row[`c${i}`]);
        return `$${params.length}::${column.type}`;
      });
      return `(${placeholders.join(', ')})`;
    });
    await target.query(insertHead + tuples.join(', '), params);
    copied += rows.length;
    options.onBatch?.(copied);
    const lastRow: Record<string, string | null> = rows[rows.length - 1];
    last = table.primaryKey.map((_, i) => lastRow[`k${i}`] as string);
    if (rows.length < batchRows) break;
  }
  return copied;
}
