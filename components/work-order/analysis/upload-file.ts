/**
 * Browser-side checks of a photo or PDF before it is read and sent for analysis (the
 * server checks again by magic bytes). Limits are the API's: image 5 MB, PDF 8 MB.
 */
export const IMAGE_MAX_BYTES = 5 * 1024 * 1024;
export const PDF_MAX_BYTES = 8 * 1024 * 1024;

export const ACCEPTED_UPLOAD_TYPES = 'image/jpeg,image/png,application/pdf,.jpg,.jpeg,.png,.pdf';

export type UploadKind = 'image' | 'pdf';

export type UploadCheck =
  | { ok: true; kind: UploadKind; mimeType: 'image/jpeg' | 'image/png' | 'application/pdf' }
  | { ok: false; reason: 'unsupported_type' | 'too_large' | 'empty'; limitBytes?: number };

const BY_EXTENSION: Record<string, 'image/jpeg' | 'image/png' | 'application/pdf'> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  pdf: 'application/pdf',
};

export function checkUploadFile(file: { name: string; type: string; size: number }): UploadCheck {
  const declared = file.type.toLowerCase();
  const extension = file.name.toLowerCase().split('.').pop() ?? '';
  // Some systems give no MIME type; the extension decides then.
  const mimeType =
    declared === 'image/jpeg' || declared === 'image/jpg'
      ? 'image/jpeg'
      : declared === 'image/png'
        ? 'image/png'
        : declared === 'application/pdf'
          ? 'application/pdf'
          : declared === ''
            ? BY_EXTENSION[extension]
            : undefined;
  if (!mimeType) return { ok: false, reason: 'unsupported_type' };
  const kind: UploadKind = mimeType === 'application/pdf' ? 'pdf' : 'image';
  const limit = kind === 'pdf' ? PDF_MAX_BYTES : IMAGE_MAX_BYTES;
  if (file.size === 0) return { ok: false, reason: 'empty' };
  if (file.size > limit) return { ok: false, reason: 'too_large', limitBytes: limit };
  return { ok: true, kind, mimeType };
}

/** `data:<mime>;base64,…` with the MIME type we checked (some browsers label JPEG oddly). */
export function withMimeType(dataUri: string, mimeType: string): string {
  const comma = dataUri.indexOf(',');
  if (comma < 0) return dataUri;
  return `data:${mimeType};base64,${dataUri.slice(comma + 1)}`;
}

/** Whole megabytes with one decimal, for limit messages. */
export function formatMegabytes(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(bytes % (1024 * 1024) === 0 ? 0 : 1);
}
