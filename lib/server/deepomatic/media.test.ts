import { describe, expect, it } from 'vitest';
import { isAppError } from '@/lib/server/http/errors';
import { checkMediaUrl, sniffImageType } from './media';

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
