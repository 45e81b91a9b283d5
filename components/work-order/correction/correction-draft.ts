import { taskKey } from '@/lib/shared/task-key';

/**
 * The draft of a correction, kept in `sessionStorage` per work order and task so a typed
 * value survives a reload or an expired session. The
 * idempotency key travels with it: a restored intent that may already have been sent is
 * replayed under the same key, so it cannot apply twice.
 *
 * A task is named by its task group's name and its own name: Deepomatic gives tasks new ids
 * when a site upgrades its application version, and a draft must still be found then.
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
type ListableStorage = DraftStorage & Pick<Storage, 'length' | 'key'>;

/** The tab's `sessionStorage`, or null where there is none or it may not be read (private mode, disabled). */
export function browserDraftStorage(): Storage | null {
  try {
    return typeof window === 'undefined' ? null : window.sessionStorage;
  } catch {
    return null;
  }
}

/** The task a draft belongs to: its names are the key; its id only finds drafts kept under the earlier key. */
export interface DraftTask {
  id: string;
  taskGroupName: string;
  name: string;
}

const PREFIX = 'field-review:correction-draft:';
const MAX_TEXT = 4096;

/**
 * `<prefix><work-order id>:<task-group name>:<task name>`, each name URI-encoded so that
 * neither can hold the `:` between them.
 */
export function draftKey(workOrderId: string, task: Pick<DraftTask, 'taskGroupName' | 'name'>): string {
  return `${PREFIX}${workOrderId}:${encodeURIComponent(task.taskGroupName)}:${encodeURIComponent(task.name)}`;
}

/**
 * The key earlier versions kept drafts under: `<prefix><work-order id>:<task id>`. Ids are
 * UUIDs, so such a key has no second `:`, unlike `draftKey`.
 */
function idDraftKey(workOrderId: string, taskId: string): string {
  return `${PREFIX}${workOrderId}:${taskId}`;
}

/** The part of a key after `<prefix><work-order id>:`: a task's names, or (earlier key) its id. */
type KeyRest = { kind: 'names'; taskGroupName: string; name: string } | { kind: 'id'; id: string } | null;

function parseKeyRest(rest: string): KeyRest {
  const parts = rest.split(':');
  try {
    if (parts.length === 2) return { kind: 'names', taskGroupName: decodeURIComponent(parts[0]), name: decodeURIComponent(parts[1]) };
  } catch {
    return null; // not encoded by us
  }
  return parts.length === 1 && parts[0] !== '' ? { kind: 'id', id: parts[0] } : null;
}

/** Every draft key of one work order with what its tail names. */
function keysOf(storage: ListableStorage, workOrderId: string): { key: string; rest: KeyRest }[] {
  const prefix = `${PREFIX}${workOrderId}:`;
  const found: { key: string; rest: KeyRest }[] = [];
  for (let i = 0; i < storage.length; i += 1) {
    const key = storage.key(i);
    if (key?.startsWith(prefix)) found.push({ key, rest: parseKeyRest(key.slice(prefix.length)) });
  }
  return found;
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

/**
 * Storage may be missing or throw (private mode, quota, disabled): a draft is best effort.
 * A draft still kept under the task's id by an earlier version is moved to the names key on
 * this read, so it is offered once more and from then on found by names.
 */
export function loadDraft(storage: DraftStorage | null | undefined, workOrderId: string, task: DraftTask): CorrectionDraft | null {
  if (!storage) return null;
  try {
    const draft = parseDraft(storage.getItem(draftKey(workOrderId, task)));
    if (draft) return draft;
    const byId = idDraftKey(workOrderId, task.id);
    const kept = parseDraft(storage.getItem(byId));
    storage.removeItem(byId);
    if (kept) storage.setItem(draftKey(workOrderId, task), JSON.stringify(kept));
    return kept;
  } catch {
    return null;
  }
}

export function saveDraft(
  storage: DraftStorage | null | undefined,
  workOrderId: string,
  task: DraftTask,
  draft: Omit<CorrectionDraft, 'savedAt'>,
  now: Date = new Date(),
): boolean {
  if (!storage) return false;
  try {
    storage.setItem(draftKey(workOrderId, task), JSON.stringify({ ...draft, savedAt: now.toISOString() }));
    return true;
  } catch {
    return false;
  }
}

/** Removes the task's draft, also one still under its id (it would otherwise be offered again). */
export function clearDraft(storage: DraftStorage | null | undefined, workOrderId: string, task: DraftTask): void {
  if (!storage) return;
  try {
    storage.removeItem(draftKey(workOrderId, task));
    storage.removeItem(idDraftKey(workOrderId, task.id));
  } catch {
    // Nothing else to do: the draft will be offered again and can be discarded by hand.
  }
}

/**
 * The tasks of one work order that have a draft, as `taskKey(task-group name, task name)`
 * (for "you have unsaved drafts" hints). Drafts still under a task id are not listed:
 * `adoptIdKeyedDrafts` moves or drops them first.
 */
export function listDraftTasks(storage: ListableStorage | null | undefined, workOrderId: string): string[] {
  if (!storage) return [];
  try {
    return keysOf(storage, workOrderId)
      .flatMap(({ rest }) => (rest?.kind === 'names' ? [taskKey(rest.taskGroupName, rest.name)] : []))
      .sort();
  } catch {
    return [];
  }
}

/**
 * Drafts an earlier version kept under task ids, settled against the work order as just
 * read: one whose id is a task of it now moves to that task's names key (unless that task
 * already has a draft there, which is newer); one whose id it no longer has is dropped. That
 * id belonged to an application version since replaced, the draft does not say which task it
 * was, and the version it was typed against names the old id, so it could only ever conflict;
 * keeping it would also make the page warn about an unsaved draft it cannot show.
 * True when anything changed.
 */
export function adoptIdKeyedDrafts(storage: ListableStorage | null | undefined, workOrderId: string, tasks: readonly DraftTask[]): boolean {
  if (!storage) return false;
  try {
    const byId = new Map(tasks.map((task) => [task.id, task]));
    const found = keysOf(storage, workOrderId).filter((entry) => entry.rest?.kind === 'id');
    for (const { key, rest } of found) {
      const task = rest?.kind === 'id' ? byId.get(rest.id) : undefined;
      const draft = task ? parseDraft(storage.getItem(key)) : null;
      storage.removeItem(key);
      if (task && draft && storage.getItem(draftKey(workOrderId, task)) === null) {
        storage.setItem(draftKey(workOrderId, task), JSON.stringify(draft));
      }
    }
    return found.length > 0;
  } catch {
    return false;
  }
}

/** A draft worth offering back: it holds something the user typed. */
export function isMeaningfulDraft(draft: CorrectionDraft | null): draft is CorrectionDraft {
  return !!draft && (draft.input !== '' || draft.comment.trim() !== '' || draft.sent);
}
