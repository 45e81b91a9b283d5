import PDFDocument from 'pdfkit';
import { sniffFileType } from '@/lib/shared/file-signature';

/**
 * Whether a photo from the upstream can go into a pack as it is. PDFKit copies a JPEG's bytes
 * and a plain PNG's compressed rows into the PDF without decoding them, and parses only their
 * headers, synchronously: a broken file is refused here, by a catchable error. A PNG with
 * transparency, 16-bit samples or interlacing is different: PDFKit decodes its pixels in a
 * callback, where a hostile file (a decompression bomb, corrupt rows) would throw outside any
 * try or exhaust memory. Those are listed as missing instead.
 */

export type EmbeddableCheck =
  { ok: true; mediaType: 'image/jpeg' | 'image/png'; width: number; height: number } | { ok: false; reason: 'unsupported_type' | 'unreadable' };

/** Larger than any camera's photo: a header claiming more is not a photo. */
const MAX_SIDE = 20_000;

const PNG_SIGNATURE_LENGTH = 8;

/** Colour types PDFKit embeds without decoding: greyscale, RGB, palette. */
const PLAIN_COLOUR_TYPES = new Set([0, 2, 3]);

function readUint32(bytes: Uint8Array, offset: number): number {
  return ((bytes[offset] << 24) | (bytes[offset + 1] << 16) | (bytes[offset + 2] << 8) | bytes[offset + 3]) >>> 0;
}

/** A PNG PDFKit embeds without decoding its pixels: 8-bit or less, no alpha, no tRNS, not interlaced. */
export function isPlainPng(bytes: Uint8Array): boolean {
  let offset = PNG_SIGNATURE_LENGTH;
  let sawHeader = false;
  while (offset + 8 <= bytes.length) {
    const length = readUint32(bytes, offset);
    const type = String.fromCharCode(bytes[offset + 4], bytes[offset + 5], bytes[offset + 6], bytes[offset + 7]);
    const data = offset + 8;
    if (data + length > bytes.length) return false;
    if (type === 'IHDR') {
      if (length !== 13) return false;
      const bitDepth = bytes[data + 8];
      const colourType = bytes[data + 9];
      const interlace = bytes[data + 12];
      if (bitDepth > 8 || !PLAIN_COLOUR_TYPES.has(colourType) || interlace !== 0) return false;
      sawHeader = true;
    } else if (type === 'tRNS') {
      return false;
    } else if (type === 'IDAT' || type === 'IEND') {
      return sawHeader;
    }
    offset = data + length + 4; // + CRC
  }
  return false;
}

export function checkEmbeddable(bytes: Uint8Array): EmbeddableCheck {
  const mediaType = sniffFileType(bytes, ['image/jpeg', 'image/png'] as const);
  if (mediaType === null) return { ok: false, reason: 'unsupported_type' };
  if (mediaType === 'image/png' && !isPlainPng(bytes)) return { ok: false, reason: 'unsupported_type' };
  try {
    // Parses the header only (nothing is written to this scratch document).
    const scratch = new PDFDocument({ autoFirstPage: false }) as PDFKit.PDFDocument & { openImage(src: Buffer): { width: number; height: number } };
    const image = scratch.openImage(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    const { width, height } = image;
    if (!(width > 0 && height > 0 && width <= MAX_SIDE && height <= MAX_SIDE)) return { ok: false, reason: 'unreadable' };
    return { ok: true, mediaType, width, height };
  } catch {
    return { ok: false, reason: 'unreadable' };
  }
}
