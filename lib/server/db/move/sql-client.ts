/** The one query method both drivers' connections share (`PGlite`, `pg.Client`). */
export interface SqlClient {
  query<R = Record<string, unknown>>(statement: string, params?: unknown[]): Promise<{ rows: R[] }>;
}

/**
 * Session settings that make a row's text form the same on every server: timestamps in UTC
 * and ISO, floats printed exactly, bytes in hex. The copy reads values as text and the
 * checksum hashes rows as text, so both sides of a move (or of a backup) set these first.
 */
export async function setCanonicalText(client: SqlClient): Promise<void> {
  for (const statement of [
    `set TimeZone = 'UTC'`,
    `set DateStyle = 'ISO, MDY'`,
    `set IntervalStyle = 'postgres'`,
    `set extra_float_digits = 1`,
    `set bytea_output = 'hex'`,
  ]) {
    await client.query(statement);
  }
}

/** A name as an SQL identifier, quoted. */
export function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
