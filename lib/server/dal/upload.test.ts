import { describe, expect, it } from 'vitest';
import { isAppError } from '@/lib/server/http/errors';
import { decodeUpload, MAX_IMAGE_BYTES, MAX_PDF_BYTES } from './upload';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
const PDF = Buffer.from('%PDF-1.7\n...');

const uri = (type: string, bytes: Buffer) => `data:${type};base64,${bytes.toString('base64')}`;

function failure(source: string): string {
  try {
    decodeUpload(source);
  } catch (error) {
    if (isAppError(error)) return `${error.code}:${error.fields?.source}`;
    throw error;
  }
  return 'accepted';
}

describe('decodeUpload', () => {
  it('accepts JPEG, PNG and PDF whose bytes match, and rebuilds a canonical data URI', () => {
    expect(decodeUpload(uri('image/png', PNG))).toMatchObject({ kind: 'image', mime: 'image/png', bytes: PNG.length });
    expect(decodeUpload(uri('image/jpg', JPEG))).toMatchObject({ kind: 'image', mime: 'image/jpeg', dataUri: uri('image/jpeg', JPEG) });
    expect(decodeUpload(uri('application/pdf', PDF))).toMatchObject({ kind: 'pdf', mime: 'application/pdf' });
  });

  it.each([
    ['a remote URL', 'https://example.com/photo.jpg', 'validation_failed:unsupported_file_type'],
    ['a GIF', uri('image/gif', Buffer.from('GIF89a....')), 'validation_failed:unsupported_file_type'],
    ['HTML posing as PNG', uri('image/png', Buffer.from('<html><script>alert(1)</script>')), 'validation_failed:unsupported_file_type'],
    ['a PDF posing as an image', uri('image/png', PDF), 'validation_failed:unsupported_file_type'],
    ['an image posing as a PDF', uri('application/pdf', PNG), 'validation_failed:unsupported_file_type'],
    ['bad base64', 'data:image/png;base64,@@@', 'validation_failed:unsupported_file_type'],
    ['an empty file', 'data:image/png;base64,', 'validation_failed:unsupported_file_type'],
  ])('refuses %s', (_, source, expected) => {
    expect(failure(source)).toBe(expected);
  });

  it('enforces 5 MB for images and 8 MB for PDFs (decoded size)', () => {
    const bigImage = Buffer.alloc(MAX_IMAGE_BYTES + 1);
    PNG.copy(bigImage);
    expect(failure(uri('image/png', bigImage))).toBe('payload_too_large:file_too_large');
    const okImage = Buffer.alloc(MAX_IMAGE_BYTES);
    PNG.copy(okImage);
    expect(failure(uri('image/png', okImage))).toBe('accepted');
    const pdf = Buffer.alloc(MAX_PDF_BYTES);
    PDF.copy(pdf);
    expect(failure(uri('application/pdf', pdf))).toBe('accepted');
    const bigPdf = Buffer.alloc(MAX_PDF_BYTES + 1);
    PDF.copy(bigPdf);
    expect(failure(uri('application/pdf', bigPdf))).toBe('payload_too_large:file_too_large');
  });
});
