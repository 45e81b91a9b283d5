import 'server-only';
import { NO_STORE } from './error-response';

/**
 * The answer of every CSV export route: an attachment the browser saves under `filename`,
 * never cached, with `X-Total-Count` telling the client how many rows the file holds before
 * the stream ends.
 */
export function csvDownload({ stream, filename, total }: { stream: ReadableStream<Uint8Array>; filename: string; total: number }): Response {
  return new Response(stream, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${filename}"`,
      'Cache-Control': NO_STORE,
      'X-Content-Type-Options': 'nosniff',
      'X-Total-Count': String(total),
    },
  });
}
