import 'server-only';
import { AppError, isAppError } from '@/lib/server/http/errors';
import { BodyTooLargeError, capStream, concatBytes } from '@/lib/shared/capped-body';
import { sniffFileType } from '@/lib/shared/file-signature';
import { getDeepomaticConfig } from './config';

/**
 * Fetches an image the upstream points at (an input photo, a task group's example photo) so
 * our own authenticated route can stream it to the browser, which never fetches a
 * third-party URL itself. The URL comes from the upstream, so it is untrusted: only http(s)
 * on the API origin or on an allowed storage host, no redirects, one deadline over headers
 * and body, a byte cap, and only JPEG / PNG / WebP whose first bytes agree with the declared
 * type.
 * The API key is sent only to the API origin itself, never to a storage host.
 */

export const MEDIA_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type MediaType = (typeof MEDIA_TYPES)[number];

export interface MediaResponse {
  contentType: MediaType;
  /** Known length, when the upstream sent a trustworthy one. */
  contentLength: number | null;
  body: ReadableStream<Uint8Array>;
}

export interface FetchMediaOptions {
  signal?: AbortSignal;
  requestId?: string;
  /** Default `DEEPOMATIC_MEDIA_MAX_BYTES` or 10 MB. */
  maxBytes?: number;
  /** Default `DEEPOMATIC_MEDIA_TIMEOUT_MS` or 15 s. */
  timeoutMs?: number;
}

const DEFAULT_MEDIA_HOSTS = ['storage.googleapis.com'];

function mediaHosts(): string[] {
  const raw = process.env.DEEPOMATIC_MEDIA_HOSTS;
  if (raw === undefined || raw.trim() === '') return DEFAULT_MEDIA_HOSTS;
  return raw
    .split(',')
    .map((host) => host.trim().toLowerCase())
    .filter(Boolean);
}

function positiveIntFromEnv(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

/** Which URLs may be fetched, and whether the API key goes with the request. */
export function checkMediaUrl(raw: string, apiBase: URL, hosts: readonly string[] = mediaHosts()): { url: URL; sendKey: boolean } {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new AppError('upstream_invalid_response');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new AppError('upstream_invalid_response');
  if (url.username || url.password) throw new AppError('upstream_invalid_response');
  if (url.origin === apiBase.origin) return { url, sendKey: true };
  // Storage hosts only over https: a signed URL is a bearer credential too.
  if (url.protocol === 'https:' && hosts.includes(url.hostname.toLowerCase()) && (url.port === '' || url.port === '443')) {
    return { url, sendKey: false };
  }
  throw new AppError('upstream_invalid_response');
}

/** The type announced by the first bytes, or null. */
export function sniffImageType(bytes: Uint8Array): MediaType | null {
  return sniffFileType(bytes, MEDIA_TYPES);
}

function declaredType(header: string | null): MediaType | null {
  const type = (header ?? '').split(';')[0].trim().toLowerCase();
  if (type === 'image/jpg') return 'image/jpeg';
  return (MEDIA_TYPES as readonly string[]).includes(type) ? (type as MediaType) : null;
}

/**
 * What a failed media fetch means for the caller. The caller's own abort (the browser went away)
 * is passed on as it is: it is not an upstream failure.
 */
function mapFetchError(error: unknown, timeout: AbortSignal, caller?: AbortSignal): unknown {
  if (isAppError(error)) return error;
  if (caller?.aborted) return caller.reason ?? error;
  if (timeout.aborted) return new AppError('upstream_timeout', { cause: error });
  if (error instanceof TypeError && /redirect/i.test(String((error as Error).cause ?? error.message))) {
    return new AppError('upstream_redirect', { cause: error });
  }
  return new AppError('upstream_error', { cause: error });
}

export async function fetchMedia(rawUrl: string, options: FetchMediaOptions = {}): Promise<MediaResponse> {
  const config = getDeepomaticConfig();
  const { url, sendKey } = checkMediaUrl(rawUrl, config.baseUrl);
  const maxBytes = options.maxBytes ?? positiveIntFromEnv('DEEPOMATIC_MEDIA_MAX_BYTES', 10 * 1024 * 1024);
  const timeout = AbortSignal.timeout(options.timeoutMs ?? positiveIntFromEnv('DEEPOMATIC_MEDIA_TIMEOUT_MS', 15_000));
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;

  const headers = new Headers({ Accept: MEDIA_TYPES.join(', '), 'User-Agent': config.userAgent });
  if (sendKey) headers.set('Authorization', `Token ${config.apiKey}`);
  if (options.requestId) headers.set('X-Request-Id', options.requestId);

  let response: Response;
  try {
    response = await fetch(url, { method: 'GET', headers, redirect: 'manual', signal, cache: 'no-store' });
  } catch (error) {
    throw mapFetchError(error, timeout, options.signal);
  }
  const discard = () => response.body?.cancel().catch(() => undefined);
  if (response.status >= 300 && response.status < 400) {
    await discard();
    throw new AppError('upstream_redirect');
  }
  if (response.status === 404 || response.status === 410) {
    await discard();
    throw new AppError('not_found');
  }
  if (response.status === 401 || response.status === 403) {
    await discard();
    // A signed storage URL that expired answers 403: for the user that is "gone, reload".
    throw sendKey ? new AppError('upstream_auth_failed') : new AppError('not_found');
  }
  if (!response.ok || !response.body) {
    await discard();
    throw new AppError('upstream_error');
  }
  const declared = declaredType(response.headers.get('content-type'));
  if (!declared) {
    await discard();
    throw new AppError('upstream_invalid_response');
  }
  const lengthHeader = response.headers.get('content-length');
  const contentLength = lengthHeader !== null && /^\d+$/.test(lengthHeader) ? Number(lengthHeader) : null;
  if (contentLength !== null && contentLength > maxBytes) {
    await discard();
    throw new AppError('upstream_too_large');
  }

  // Read until the signature is known, then pass the rest on; the byte cap holds over the whole body.
  const reader = capStream(response.body, maxBytes).getReader();
  const failure = (error: unknown) =>
    error instanceof BodyTooLargeError ? new AppError('upstream_too_large') : mapFetchError(error, timeout, options.signal);
  const head: Uint8Array[] = [];
  let headLength = 0;
  try {
    while (headLength < 12) {
      const { done, value } = await reader.read();
      if (done) break;
      head.push(value);
      headLength += value.length;
    }
  } catch (error) {
    reader.cancel().catch(() => undefined);
    throw failure(error);
  }
  const prefix = concatBytes(head, headLength);
  const sniffed = sniffImageType(prefix);
  if (sniffed === null || sniffed !== declared) {
    reader.cancel().catch(() => undefined);
    throw new AppError('upstream_invalid_response');
  }

  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      if (prefix.length > 0) controller.enqueue(prefix);
    },
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) {
          controller.close();
          return;
        }
        controller.enqueue(value);
      } catch (error) {
        controller.error(failure(error));
      }
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
  return { contentType: declared, contentLength: contentLength !== null && contentLength <= maxBytes ? contentLength : null, body };
}
