/**
 * The simulator's photo and PDF URLs under `/media/` (signed and expiring, like the cloud
 * storage a real site serves them from), and where an analysis given a URL reads it from.
 */
import type { UrlLoader } from './analysis';
import type { SimResponse } from './http-util';
import { renderExamplePhoto, renderInputPhoto, renderPdf, type MediaSigner } from './media';
import type { Simulation } from './simulation';

/** Rendered photos kept (the oldest goes first): rendering a PNG is the slow part. */
const MEDIA_CACHE_SIZE = 256;

export class MediaRoute {
  private readonly cache = new Map<string, { body: Buffer; type: string }>();

  constructor(
    private readonly simulation: Simulation,
    private readonly signer: MediaSigner,
    /** The simulator's own base URL, known once it listens. */
    private readonly baseUrl: () => string,
  ) {}

  /** Forgets rendered photos (the site was reset). */
  clear(): void {
    this.cache.clear();
  }

  serve(method: string, url: URL): SimResponse {
    if (method !== 'GET' && method !== 'HEAD')
      return { status: 405, headers: { Allow: 'GET, HEAD', 'Content-Type': 'text/plain' }, raw: Buffer.from('Method not allowed') };
    const verdict = this.signer.verify(url.pathname, url.searchParams);
    if (verdict !== 'ok') {
      const text = verdict === 'expired' ? 'ExpiredToken: the signed URL has expired.' : 'SignatureDoesNotMatch: access denied.';
      return { status: 403, headers: { 'Content-Type': 'text/plain' }, raw: Buffer.from(text) };
    }
    const found = this.cache.get(url.pathname) ?? this.render(url.pathname);
    if (!found) return { status: 404, headers: { 'Content-Type': 'text/plain' }, raw: Buffer.from('NoSuchKey') };
    return {
      status: 200,
      headers: { 'Content-Type': found.type, 'Cache-Control': 'private, max-age=3600', 'X-Content-Type-Options': 'nosniff' },
      raw: found.body,
    };
  }

  private render(pathname: string): { body: Buffer; type: string } | undefined {
    const { site, store, uploads } = this.simulation;
    let found: { body: Buffer; type: string } | undefined;
    const example = /^\/media\/examples\/([^/]+)\/(\d+)\.png$/.exec(pathname);
    const input = /^\/media\/inputs\/([^/]+)\/([^/]+)\.(png|pdf)$/.exec(pathname);
    if (example) {
      const group = site.group(decodeURIComponent(example[1]));
      const n = Number(example[2]);
      if (group && n < group.exampleCount) found = { body: renderExamplePhoto(group.name, group.display_name, n), type: 'image/png' };
    } else if (input) {
      const record = store.get(input[1]);
      const item = record?.inputs.find((i) => i.id === input[2]);
      if (item) {
        const uploaded = item.origin === 'uploaded' ? uploads.get(item.id) : undefined;
        if (uploaded) found = { body: uploaded.bytes, type: uploaded.mediaType };
        else if (item.type === 'pdf') found = { body: renderPdf(`${item.task_group_name} ${item.id}`), type: 'application/pdf' };
        else {
          const title = site.group(item.task_group_name)?.display_name ?? item.task_group_name;
          found = { body: renderInputPhoto(item.id, title, item.boxes), type: 'image/png' };
        }
      }
    }
    if (!found) return undefined;
    this.cache.set(pathname, found);
    if (this.cache.size > MEDIA_CACHE_SIZE) this.cache.delete(this.cache.keys().next().value as string);
    return found;
  }

  /** URL inputs: the simulator's own photos directly, other loopback servers over HTTP, nothing else. */
  readonly loadUrl: UrlLoader = async (url, limit) => {
    if (url.origin === new URL(this.baseUrl()).origin && url.pathname.startsWith('/media/')) {
      const response = this.serve('GET', url);
      return response.status === 200 ? (response.raw ?? null) : null;
    }
    if (!['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) return null;
    try {
      const response = await fetch(url, { redirect: 'error', signal: AbortSignal.timeout(5000) });
      if (!response.ok || !response.body) return null;
      const reader = response.body.getReader();
      const chunks: Buffer[] = [];
      let size = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        size += value.length;
        chunks.push(Buffer.from(value));
        if (size > limit) {
          await reader.cancel();
          break;
        }
      }
      return Buffer.concat(chunks);
    } catch {
      return null;
    }
  };
}
