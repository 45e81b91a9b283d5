/** Bytes of uploaded inputs (bounded), and the digests seen, for duplicate detection. */

export interface StoredUpload {
  bytes: Buffer;
  mediaType: string;
}

const MAX_TOTAL_BYTES = 64 * 1024 * 1024;

export class UploadStore {
  private uploads = new Map<string, StoredUpload>();
  private total = 0;
  /** SHA-256 hex → where it was analysed. */
  private digests = new Map<string, Array<{ workOrderId: string; inputId: string }>>();

  put(inputId: string, upload: StoredUpload): void {
    this.uploads.set(inputId, upload);
    this.total += upload.bytes.length;
    // Oldest first; a dropped upload is served as a generated photo instead.
    for (const [id, old] of this.uploads) {
      if (this.total <= MAX_TOTAL_BYTES) break;
      this.uploads.delete(id);
      this.total -= old.bytes.length;
    }
  }

  get(inputId: string): StoredUpload | undefined {
    return this.uploads.get(inputId);
  }

  seen(digest: string): Array<{ workOrderId: string; inputId: string }> {
    return this.digests.get(digest) ?? [];
  }

  remember(digest: string, workOrderId: string, inputId: string): void {
    const list = this.digests.get(digest) ?? [];
    list.push({ workOrderId, inputId });
    this.digests.set(digest, list);
  }
}
