import 'server-only';
import { fetchMedia, type FetchMediaOptions, type MediaResponse } from '@/lib/server/deepomatic/media';
import { isAppError } from '@/lib/server/http/errors';
import { logger } from '@/lib/server/logger';
import { readCapped } from '@/lib/shared/capped-body';
import { sha256Hex } from './canonical-json';
import { PHOTO_LIMITS, type PackPhotoFile } from './content';
import { checkEmbeddable } from './embeddable-image';

/**
 * The photos of a pack, fetched from the upstream through the same guarded media client as
 * the page's image route (allowed hosts, no redirects, a deadline, a byte cap). The upstream is
 * untrusted: a photo that does not load, is too large, or is not an embeddable JPEG or PNG is
 * listed as missing with its reason; it never fails the pack.
 */

export interface PhotoSource {
  inputId: string;
  type: string;
  url: string | null;
}

export interface LoadedPhoto {
  file: PackPhotoFile;
  /** The bytes to embed (included photos only). */
  bytes?: Uint8Array;
  width?: number;
  height?: number;
}

export type MediaFetcher = (url: string, options: FetchMediaOptions) => Promise<MediaResponse>;

/** Photos fetched at once: enough to hide latency, few enough not to hammer the storage host. */
const CONCURRENCY = 3;

async function loadOne(source: PhotoSource, fetcher: MediaFetcher, options: FetchMediaOptions): Promise<LoadedPhoto> {
  if (!source.url) return { file: { state: 'missing', reason: 'not_loaded' } };
  let bytes: Uint8Array;
  try {
    const media = await fetcher(source.url, { ...options, maxBytes: PHOTO_LIMITS.maxPhotoBytes });
    bytes = await readCapped(media.body, PHOTO_LIMITS.maxPhotoBytes);
  } catch (error) {
    if (options.signal?.aborted) throw error;
    const tooLarge = isAppError(error) ? error.code === 'upstream_too_large' : error instanceof Error && error.name === 'BodyTooLargeError';
    logger.warn({ err: error, requestId: options.requestId, inputId: source.inputId }, 'evidence pack: photo not loaded');
    return { file: { state: 'missing', reason: tooLarge ? 'too_large' : 'not_loaded' } };
  }
  const check = checkEmbeddable(bytes);
  if (!check.ok) return { file: { state: 'missing', reason: check.reason } };
  return {
    file: { state: 'included', mediaType: check.mediaType, bytes: bytes.length, sha256: sha256Hex(bytes) },
    bytes,
    width: check.width,
    height: check.height,
  };
}

/**
 * Loads the photos of `sources` in order, at most `PHOTO_LIMITS.maxPhotos` of them and
 * `maxTotalBytes` in all; the rest are listed as left out (`over_limit`). PDF inputs are not
 * photos (`not_an_image`). Keyed by input id.
 */
export async function loadPackPhotos(
  sources: readonly PhotoSource[],
  options: FetchMediaOptions = {},
  fetcher: MediaFetcher = fetchMedia,
): Promise<Map<string, LoadedPhoto>> {
  const loaded = new Map<string, LoadedPhoto>();
  const images = sources.filter((source) => source.type !== 'pdf');
  for (const source of sources) if (source.type === 'pdf') loaded.set(source.inputId, { file: { state: 'missing', reason: 'not_an_image' } });
  for (const source of images.slice(PHOTO_LIMITS.maxPhotos)) loaded.set(source.inputId, { file: { state: 'missing', reason: 'over_limit' } });

  const queue = images.slice(0, PHOTO_LIMITS.maxPhotos);
  const results = new Array<LoadedPhoto>(queue.length);
  let next = 0;
  const worker = async () => {
    while (next < queue.length) {
      const index = next++;
      results[index] = await loadOne(queue[index], fetcher, options);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, queue.length) }, worker));

  // The total cap is applied in the photos' order, so which ones are left out does not depend on timing.
  let total = 0;
  queue.forEach((source, index) => {
    const result = results[index];
    if (result.file.state === 'included') {
      if (total + result.file.bytes > PHOTO_LIMITS.maxTotalBytes) {
        loaded.set(source.inputId, { file: { state: 'missing', reason: 'over_limit' } });
        return;
      }
      total += result.file.bytes;
    }
    loaded.set(source.inputId, result);
  });
  return loaded;
}
