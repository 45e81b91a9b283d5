import { AppError } from '@/lib/server/http/errors';
import { sniffFileType } from '@/lib/shared/file-signature';

/**
 * A photo or PDF sent by the browser as a data URI, checked before it costs an upstream
 * analysis: declared type in the allowlist, decoded size within the upstream's limits
 * (image 5 MB, PDF 8 MB), and the first bytes agreeing with the declared type. The data URI
 * sent upstream is rebuilt from the decoded bytes, never forwarded as received.
 */

export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
export const MAX_PDF_BYTES = 8 * 1024 * 1024;
/** Base64 of the largest PDF plus the data-URI prefix and a small JSON envelope. */
export const MAX_ANALYZE_BODY_BYTES = Math.ceil((MAX_PDF_BYTES * 4) / 3) + 64 * 1024;

export type UploadKind = 'image' | 'pdf';
export type UploadMime = 'image/jpeg' | 'image/png' | 'application/pdf';

export interface Upload {
  kind: UploadKind;
  mime: UploadMime;
  bytes: number;
  /** Canonical data URI rebuilt from the decoded bytes. */
  dataUri: string;
}

const DATA_URI = /^data:([a-z]+\/[a-z0-9.+*-]+);base64,([A-Za-z0-9+/]*={0,2})$/i;
const DECLARED: Record<string, UploadKind> = {
  'image/jpeg': 'image',
  'image/jpg': 'image',
  'image/png': 'image',
  'application/pdf': 'pdf',
};

const UPLOAD_TYPES: readonly UploadMime[] = ['image/jpeg', 'image/png', 'application/pdf'];

export function sniffUpload(bytes: Uint8Array): UploadMime | null {
  return sniffFileType(bytes, UPLOAD_TYPES);
}

function unsupported(): AppError {
  return new AppError('validation_failed', { fields: { source: 'unsupported_file_type' } });
}

export function decodeUpload(source: string): Upload {
  const match = DATA_URI.exec(source);
  if (!match) throw unsupported();
  const declaredKind = DECLARED[match[1].toLowerCase()];
  if (!declaredKind) throw unsupported();
  const base64 = match[2];
  // Check the size before decoding: base64 length gives the decoded length exactly.
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  const decodedLength = Math.floor((base64.length * 3) / 4) - padding;
  const limit = declaredKind === 'pdf' ? MAX_PDF_BYTES : MAX_IMAGE_BYTES;
  if (decodedLength > limit) throw new AppError('payload_too_large', { fields: { source: 'file_too_large' } });
  if (decodedLength <= 0) throw unsupported();
  const bytes = Buffer.from(base64, 'base64');
  const mime = sniffUpload(bytes);
  if (!mime || (mime === 'application/pdf') !== (declaredKind === 'pdf')) throw unsupported();
  return { kind: declaredKind, mime, bytes: bytes.length, dataUri: `data:${mime};base64,${bytes.toString('base64')}` };
}
