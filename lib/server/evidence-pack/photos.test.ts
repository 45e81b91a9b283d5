import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/server/http/errors';
import type { MediaResponse } from '@/lib/server/deepomatic/media';
import { pngOf } from '@/test/fixtures/evidence-pack';
import { sha256Hex } from './canonical-json';
import { PHOTO_LIMITS } from './content';
import { loadPackPhotos, type MediaFetcher } from './photos';

function answer(bytes: Uint8Array): MediaResponse {
  return { contentType: 'image/png', contentLength: bytes.length, body: new Blob([new Uint8Array(bytes)]).stream() };
}

/** A stand-in for the upstream's storage: each URL answers what the test says. */
function storage(files: Record<string, Uint8Array | Error>): MediaFetcher {
  return async (url) => {
    const file = files[url];
    if (file === undefined) throw new AppError('not_found');
    if (file instanceof Error) throw file;
    return answer(file);
  };
}

const source = (inputId: string, url: string | null = `https://storage.example/${inputId}`, type = 'image') => ({ inputId, type, url });

describe('loadPackPhotos', () => {
  it('includes a plain PNG with its size and SHA-256', async () => {
    const png = pngOf(2);
    const loaded = await loadPackPhotos([source('a')], {}, storage({ 'https://storage.example/a': png }));
    expect(loaded.get('a')).toMatchObject({
      file: { state: 'included', mediaType: 'image/png', bytes: png.length, sha256: sha256Hex(png) },
      width: 4,
      height: 3,
    });
  });

  it('lists as missing, with its reason, every photo it cannot embed, and never throws', async () => {
    const files = {
      'https://storage.example/webp': new Uint8Array([0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x57, 0x45, 0x42, 0x50, 0, 0]),
      'https://storage.example/html': new TextEncoder().encode('<html>not an image</html>'),
      'https://storage.example/rgba': pngOf(6),
      'https://storage.example/interlaced': pngOf(2, 1),
      'https://storage.example/broken-jpeg': new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0, 0, 0]),
      'https://storage.example/timeout': new AppError('upstream_timeout'),
      'https://storage.example/huge': new AppError('upstream_too_large'),
    };
    const sources = [
      ...Object.keys(files).map((url) => source(url.split('/').pop()!, url)),
      source('no-url', null),
      source('doc', 'https://x/doc', 'pdf'),
    ];
    const loaded = await loadPackPhotos(sources, {}, storage(files));
    const reasons = Object.fromEntries([...loaded].map(([id, photo]) => [id, photo.file.state === 'missing' ? photo.file.reason : 'included']));
    expect(reasons).toEqual({
      webp: 'unsupported_type',
      html: 'unsupported_type',
      rgba: 'unsupported_type',
      interlaced: 'unsupported_type',
      'broken-jpeg': 'unreadable',
      timeout: 'not_loaded',
      huge: 'too_large',
      'no-url': 'not_loaded',
      doc: 'not_an_image',
    });
  });

  it('fetches no more than the photo limit, listing the others as left out', async () => {
    const count = PHOTO_LIMITS.maxPhotos + 2;
    const fetched: string[] = [];
    const png = pngOf(2);
    const fetcher: MediaFetcher = async (url) => (fetched.push(url), answer(png));
    const loaded = await loadPackPhotos(
      Array.from({ length: count }, (_, index) => source(`p${index}`)),
      {},
      fetcher,
    );
    expect(fetched).toHaveLength(PHOTO_LIMITS.maxPhotos);
    expect(loaded.get(`p${count - 1}`)?.file).toEqual({ state: 'missing', reason: 'over_limit' });
    expect(loaded.get('p0')?.file.state).toBe('included');
  });

  it('asks the media client for no more bytes than a photo may have', async () => {
    let asked: number | undefined;
    await loadPackPhotos([source('a')], {}, async (_url, options) => ((asked = options.maxBytes), answer(pngOf(2))));
    expect(asked).toBe(PHOTO_LIMITS.maxPhotoBytes);
  });
});
