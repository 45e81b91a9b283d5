import { describe, expect, it } from 'vitest';
import { checkUploadFile, formatMegabytes, IMAGE_MAX_BYTES, PDF_MAX_BYTES, withMimeType } from './upload-file';

describe('checkUploadFile', () => {
  it.each([
    [
      { name: 'a.jpg', type: 'image/jpeg', size: 100 },
      { ok: true, kind: 'image', mimeType: 'image/jpeg' },
    ],
    [
      { name: 'a.png', type: 'image/png', size: IMAGE_MAX_BYTES },
      { ok: true, kind: 'image', mimeType: 'image/png' },
    ],
    [
      { name: 'a.pdf', type: 'application/pdf', size: PDF_MAX_BYTES },
      { ok: true, kind: 'pdf', mimeType: 'application/pdf' },
    ],
    [
      { name: 'A.JPEG', type: '', size: 10 },
      { ok: true, kind: 'image', mimeType: 'image/jpeg' },
    ],
    [
      { name: 'a.png', type: 'image/png', size: IMAGE_MAX_BYTES + 1 },
      { ok: false, reason: 'too_large', limitBytes: IMAGE_MAX_BYTES },
    ],
    [
      { name: 'a.pdf', type: 'application/pdf', size: PDF_MAX_BYTES + 1 },
      { ok: false, reason: 'too_large', limitBytes: PDF_MAX_BYTES },
    ],
    [
      { name: 'a.gif', type: 'image/gif', size: 10 },
      { ok: false, reason: 'unsupported_type' },
    ],
    [
      { name: 'a.png', type: 'text/html', size: 10 },
      { ok: false, reason: 'unsupported_type' },
    ],
    [
      { name: 'noext', type: '', size: 10 },
      { ok: false, reason: 'unsupported_type' },
    ],
    [
      { name: 'a.jpg', type: 'image/jpeg', size: 0 },
      { ok: false, reason: 'empty' },
    ],
  ])('%j', (file, expected) => {
    expect(checkUploadFile(file)).toEqual(expected);
  });
});

describe('withMimeType', () => {
  it('relabels the data URI', () => {
    expect(withMimeType('data:application/octet-stream;base64,QUJD', 'image/jpeg')).toBe('data:image/jpeg;base64,QUJD');
  });
});

describe('formatMegabytes', () => {
  it('formats limits', () => {
    expect(formatMegabytes(IMAGE_MAX_BYTES)).toBe('5');
    expect(formatMegabytes(1.5 * 1024 * 1024)).toBe('1.5');
  });
});
