/**
 * File types told by their first bytes (their "magic numbers"), whatever type a sender or a
 * storage host declares: a photo from the browser, an image the upstream points at, an
 * input the simulator is sent.
 */

export type SignedFileType = 'image/jpeg' | 'image/png' | 'image/webp' | 'application/pdf';

/** The bytes each type starts with, as `[offset, bytes]` parts that must all match. */
const SIGNATURES: Record<SignedFileType, ReadonlyArray<readonly [offset: number, bytes: readonly number[]]>> = {
  'image/jpeg': [[0, [0xff, 0xd8, 0xff]]],
  'image/png': [[0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]]],
  // RIFF, four bytes of length, WEBP.
  'image/webp': [
    [0, [0x52, 0x49, 0x46, 0x46]],
    [8, [0x57, 0x45, 0x42, 0x50]],
  ],
  'application/pdf': [[0, [0x25, 0x50, 0x44, 0x46, 0x2d]]], // %PDF-
};

/** The first of `types` whose signature the bytes start with, or null (too short counts as no match). */
export function sniffFileType<T extends SignedFileType>(bytes: Uint8Array, types: readonly T[]): T | null {
  const matches = (type: T) => SIGNATURES[type].every(([offset, signature]) => signature.every((byte, index) => bytes[offset + index] === byte));
  return types.find(matches) ?? null;
}
