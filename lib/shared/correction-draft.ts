/**
 * The per work order + task draft of a correction, kept in `sessionStorage` so a typed
 * value survives a reload or an expired session (security-reliability D5/D6). The
 * idempotency key travels with it: a restored intent that may already have been sent is
 * replayed under the same key, so it cannot apply twice.
 *
 * Storage is injected (any `getItem`/`setItem`/`removeItem`), so this stays pure and
 * testable; whatever is read back is validated, since storage can hold anything.
 */
export interface CorrectionDraft {
  input: string;
  reason: string;
  comment: string;
  /** The task version the user saw when the draft was written. */
  baseVersion: string | null;
  idempotencyKey: string | null;
  /** True once the intent was sent at least once (its outcome may be unknown). */
  sent: boolean;
  /** ISO-8601 time the draft was last written. */
  savedAt: string;
}

export type DraftStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const PREFIX = 'field-review:correction-draft:';
const MAX_TEXT = 4096;

export function draftKey(workOrderId: string, taskId: string): string {
  return `${PREFIX}${workOrderId}:${taskId}`;
}

function isShortString(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_TEXT;
}

function parseDraft(raw: string | null): CorrectionDraft | null {
  if (!raw) return null;
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!data || typeof data !== 'object') return null;
  const d = data as Record<string, unknown>;
  if (!isShortString(d.input) || !isShortString(d.reason) || !isShortString(d.comment) || !isShortString(d.savedAt)) return null;
  if (d.baseVersion !== null && !isShortString(d.baseVersion)) return null;
  if (d.idempotencyKey !== null && !isShortString(d.idempotencyKey)) return null;
  return {
    input: d.input,
    reason: d.reason,
    comment: d.comment,
    baseVersion: d.baseVersion as string | null,
    idempotencyKey: d.idempotencyKey as string | null,
    sent: d.sent === true,
    savedAt: d.savedAt,
  };
}

/** Storage may be missing or throw (private mode, quota, disabled): a draft is best effort. */
export function loadDraft(storage: DraftStorage | null | undefined, workOrderId: string, taskId: string): CorrectionDraft | null {
  if (!storage) return null;
  try {
    return parseDraft(storage.getItem(draftKey(workOrderId, taskId)));
  } catch {
    return null;
  }
}

export function saveDraft(
  storage: DraftStorage | null | undefined,
  workOrderId: string,
  taskId: string,
  draft: Omit<CorrectionDraft, 'savedAt'>,
  now: Date = new Date(),
): boolean {
  if (!storage) return false;
  try {
    storage.setItem(draftKey(workOrderId, taskId), JSON.stringify({ ...draft, savedAt: now.toISOString() }));
    return true;
  } catch {
    return false;
  }
}

export function clearDraft(storage: DraftStorage | null | undefined, workOrderId: string, taskId: string): void {
  if (!storage) return;
  try {
    storage.removeItem(draftKey(workOrderId, taskId));
  } catch {
    // Nothing else to do: the draft will be offered again and can be discarded by hand.
  }
}

/** Task ids of the drafts kept for one work order (for "you have unsaved drafts" hints). */
export function listDraftTaskIds(storage: (DraftStorage & Pick<Storage, 'length' | 'key'>) | null | undefined, workOrderId: string): string[] {
  if (!storage) return [];
  const prefix = `${PREFIX}${workOrderId}:`;
  const ids: string[] = [];
  try {
    for (let i = 0; i < storage.length; i += 1) {
      const key = storage.key(i);
      if (key?.startsWith(prefix)) ids.push(key.slice(prefix.length));
    }
  } catch {
    return ids;
  }
  return ids.sort();
}

/** A draft worth offering back: it holds something the user typed. */
export function isMeaningfulDraft(draft: CorrectionDraft | null): draft is CorrectionDraft {
  return !!draft && (draft.input !== '' || draft.comment.trim() !== '' || draft.sent);
}
