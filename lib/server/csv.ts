import 'server-only';
import { stringify } from 'csv-stringify/sync';

/**
 * What every CSV export of the app shares: formula-injection guard, quoting, BOM, and a stream
 * that reads its rows batch by batch (no export holds a whole table in memory).
 */

/**
 * A spreadsheet executes a cell starting with = + - @ (or tab / CR) as a formula (CSV
 * injection): such text cells get a leading apostrophe. Numbers are left alone.
 */
export function csvSafe(value: unknown): string | number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return value;
  const text = String(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/**
 * Names (and any text) are exported exactly as they are: a value with leading or trailing
 * spaces is quoted, so no spreadsheet program trims it on the way in.
 */
export const CSV_OPTIONS = { quoted_match: /^\s|\s$/ };

/**
 * A CSV file as a stream: a BOM so spreadsheet programs read UTF-8, the header even when
 * nothing matches, then one chunk per batch, each line made by `line` (whose cells the caller
 * passes through `csvSafe`). Cancelling the download stops reading batches.
 */
export function csvStream<T>(header: string[], batches: AsyncGenerator<T[]>, line: (row: T) => unknown[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(`\uFEFF${stringify([header], CSV_OPTIONS)}`));
    },
    async pull(controller) {
      const next = await batches.next();
      if (next.done) {
        controller.close();
        return;
      }
      controller.enqueue(encoder.encode(stringify(next.value.map(line), CSV_OPTIONS)));
    },
    async cancel() {
      await batches.return(undefined);
    },
  });
}

/** `<prefix>-2026-12-06T09-30-00.csv`: sortable, and no colon (refused in Windows file names). */
export function csvFilename(prefix: string, now = new Date()): string {
  return `${prefix}-${now.toISOString().slice(0, 19).replaceAll(':', '-')}.csv`;
}
