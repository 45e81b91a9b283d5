import 'server-only';
import { NO_STORE } from './error-response';

/**
 * The answer of a PDF download: an attachment saved under `filename` (already a safe ASCII
 * name: it goes into the header as it is), never cached, never sniffed into something else.
 * `headers` adds the route's own (e.g. the pack's hashes).
 */
export function pdfDownload({ bytes, filename }: { bytes: Uint8Array; filename: string }, headers: Record<string, string> = {}): Response {
  return new Response(bytes as BodyInit, {
    headers: {
      ...headers,
      'Content-Type': 'application/pdf',
      'Content-Length': String(bytes.byteLength),
      'Content-Disposition': `attachment; filename="${filename}"`,
      'Cache-Control': NO_STORE,
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
