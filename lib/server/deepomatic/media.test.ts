import { afterEach, describe, expect, it, vi } from 'vitest';
import { isAppError } from '@/lib/server/http/errors';
import { checkMediaUrl, fetchMedia, sniffImageType } from './media';
import { hang, startFakeUpstream } from '@/test/fakes/upstream';

const API = new URL('https://api.site.customers.deepomatic.com/v0.2/');

function refused(url: string): boolean {
  try {
    checkMediaUrl(url, API, ['storage.googleapis.com']);
    return false;
  } catch (error) {
    if (isAppError(error)) return true;
    throw error;
  }
}

describe('checkMediaUrl', () => {
  it('sends the key only to the API origin', () => {
    expect(checkMediaUrl('https://api.site.customers.deepomatic.com/media/x.png', API, []).sendKey).toBe(true);
    expect(checkMediaUrl('https://storage.googleapis.com/b/x.png?Expires=1&Signature=s', API, ['storage.googleapis.com']).sendKey).toBe(false);
  });

  it.each([
    'http://169.254.169.254/latest/meta-data/',
    'http://storage.googleapis.com/b/x.png',
    'https://storage.googleapis.com.evil.example/x.png',
    'https://evil.example/x.png',
    'https://user:pass@storage.googleapis.com/x.png',
    'https://storage.googleapis.com:8443/x.png',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:image/png;base64,AAAA',
    '//storage.googleapis.com/x.png',
    'not a url',
  ])('refuses %s', (url) => {
    expect(refused(url)).toBe(true);
  });
});

describe('sniffImageType', () => {
  it('recognises JPEG, PNG and WebP only', () => {
    expect(sniffImageType(Uint8Array.from([0xff, 0xd8, 0xff, 0xdb]))).toBe('image/jpeg');
    expect(sniffImageType(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe('image/png');
    expect(sniffImageType(new TextEncoder().encode('RIFF\0\0\0\0WEBPVP8 '))).toBe('image/webp');
    expect(sniffImageType(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg">'))).toBeNull();
    expect(sniffImageType(new TextEncoder().encode('GIF89a'))).toBeNull();
  });
});

describe('fetchMedia', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("passes the caller's abort on as it is: the browser leaving is not an upstream failure", async () => {
    const upstream = await startFakeUpstream();
    try {
      vi.stubEnv('DEEPOMATIC_API_URL', upstream.apiUrl);
      vi.stubEnv('DEEPOMATIC_API_KEY', 'media-test-key');
      upstream.script(hang);
      const browser = new AbortController();
      const fetching = fetchMedia(`${upstream.url}/media/photo.png`, { signal: browser.signal });
      await vi.waitFor(() => expect(upstream.ledger).toHaveLength(1));
      browser.abort();
      const error = await fetching.then(
        () => null,
        (reason: unknown) => reason,
      );
      expect(isAppError(error)).toBe(false);
      expect(error).toMatchObject({ name: 'AbortError' });
    } finally {
      await upstream.close();
    }
  });
});
