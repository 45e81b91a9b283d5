/**
 * The correction form as a pure state machine:
 *
 *   idle → editing → confirming → sending → saved
 *                                        ↘ conflict (412: keep theirs / overwrite)
 *                                        ↘ failed   (not applied: value kept, Retry)
 *                                        ↘ unknown  (outcome not known: value kept, Retry)
 *                                        ↘ unauthenticated (401: sign in, then Retry)
 *
 * Rules it enforces: nothing says "saved" before the server answered 2xx; the value is
 * never dropped on a failure; one idempotency key per intent, reused by every retry and
 * replaced only when the intent changes (the value, reason or comment is edited, or the
 * user chooses to overwrite a newer version); a second SEND while sending is ignored.
 */
import { coerceTaskValue, type OutcomeType, type TaskValue } from '@/lib/shared/progress-score';

export type CorrectionStatus = 'idle' | 'editing' | 'confirming' | 'sending' | 'saved' | 'conflict' | 'failed' | 'unknown' | 'unauthenticated';

export interface CorrectionError {
  code: string;
  message?: string;
  requestId?: string;
  /** Whether sending the same intent again (same key) can help. */
  retryable: boolean;
  /** Seconds the server asked to wait before that retry (its `Retry-After`). */
  retryAfter?: number;
}

export interface CorrectionConflict {
  /** The task state someone else saved (as returned by the server). */
  theirs: unknown;
  /** The version to send in `If-Match` to overwrite it. */
  version: string | null;
  changedBy?: string | null;
  changedAt?: string | null;
}

export type ValidationIssue = 'value_required' | 'invalid_boolean' | 'invalid_number' | 'invalid_text' | 'reason_required';

export interface CorrectionState {
  status: CorrectionStatus;
  outcomeType: OutcomeType;
  reasonRequired: boolean;
  /** Raw input: `'true'`/`'false'` for Boolean, typed text for Number and Text. */
  input: string;
  reason: string;
  comment: string;
  /** The task version the user saw; sent as `If-Match`. */
  baseVersion: string | null;
  idempotencyKey: string | null;
  /** The coerced value under confirmation or being sent. */
  value: TaskValue | null;
  issues: ValidationIssue[];
  error: CorrectionError | null;
  conflict: CorrectionConflict | null;
  result: unknown;
}

export interface CorrectionFields {
  input: string;
  reason: string;
  comment: string;
}

export type CorrectionEvent =
  | { type: 'OPEN'; baseVersion: string | null; initialInput?: string }
  | { type: 'RESTORE'; fields: CorrectionFields; baseVersion: string | null; idempotencyKey: string | null }
  | { type: 'EDIT'; field: keyof CorrectionFields; value: string }
  | { type: 'REVIEW' }
  | { type: 'BACK' }
  | { type: 'SEND'; newKey: string }
  | { type: 'RETRY' }
  | { type: 'SUCCEEDED'; result: unknown }
  | { type: 'CONFLICT'; conflict: CorrectionConflict }
  | { type: 'FAILED'; error: CorrectionError }
  | { type: 'UNKNOWN'; error: CorrectionError }
  | { type: 'UNAUTHENTICATED'; error: CorrectionError }
  | { type: 'KEEP_THEIRS' }
  | { type: 'OVERWRITE' }
  | { type: 'CANCEL' };

export function initialCorrectionState(outcomeType: OutcomeType, reasonRequired: boolean): CorrectionState {
  return {
    status: 'idle',
    outcomeType,
    reasonRequired,
    input: '',
    reason: '',
    comment: '',
    baseVersion: null,
    idempotencyKey: null,
    value: null,
    issues: [],
    error: null,
    conflict: null,
    result: null,
  };
}

/** Problems that keep the form from going to confirmation. */
export function validateCorrection(state: Pick<CorrectionState, 'outcomeType' | 'input' | 'reason' | 'reasonRequired'>): {
  value: TaskValue | null;
  issues: ValidationIssue[];
} {
  const issues: ValidationIssue[] = [];
  let value: TaskValue | null = null;
  if (state.input.trim() === '' && state.outcomeType !== 'Text') {
    issues.push('value_required');
  } else if (state.outcomeType === 'Text' && state.input === '') {
    issues.push('value_required');
  } else {
    const coerced = coerceTaskValue(state.outcomeType, state.input);
    if (coerced.ok) value = coerced.value;
    else if (coerced.reason !== 'null') issues.push(coerced.reason);
  }
  if (state.reasonRequired && state.reason.trim() === '') issues.push('reason_required');
  return { value, issues };
}

/** States in which the form still holds an intent the user has not seen saved. */
export function hasUnsavedIntent(state: CorrectionState): boolean {
  return ['editing', 'confirming', 'sending', 'conflict', 'failed', 'unknown', 'unauthenticated'].includes(state.status);
}

/**
 * Whether closing the form would lose something the user did: an intent past editing, or, while
 * editing, a value chosen other than the task's current one (`currentInput`, in the form's raw
 * input form) or a reason or comment. A form opened and closed untouched keeps no draft and asks
 * nothing on leaving the page.
 */
export function hasChangesToKeep(state: CorrectionState, currentInput: string): boolean {
  if (!hasUnsavedIntent(state)) return false;
  if (state.status !== 'editing') return true;
  // An empty input is no value (it cannot be sent): nothing chosen yet.
  const valueChanged = state.input !== '' && state.input !== currentInput;
  return valueChanged || state.reason !== '' || state.comment.trim() !== '';
}

const EDITABLE: readonly CorrectionStatus[] = ['editing', 'failed', 'unknown', 'unauthenticated'];

/**
 * Whether the form takes edits (typing, choosing, Y/N) in this status: while the user writes the
 * correction, and after a send that did not save it, so they can change it before trying again.
 * Not while confirming: the confirmation shows exactly what Send sends, so a change goes Back
 * first. Not while sending (the answer is pending), once saved, in a conflict (keep theirs or
 * overwrite first), nor before the form is open.
 */
export function isEditable(status: CorrectionStatus): boolean {
  return EDITABLE.includes(status);
}

/** Whether Retry can send the same intent again: it was sent, not saved, and still has its key. */
export function canRetry(state: Pick<CorrectionState, 'status' | 'idempotencyKey'>): boolean {
  return ['failed', 'unknown', 'unauthenticated'].includes(state.status) && state.idempotencyKey !== null;
}

/** Whether the intent has been sent at least once (its outcome may be unknown): a kept draft says so. */
export function wasSent(status: CorrectionStatus): boolean {
  return ['sending', 'failed', 'unknown', 'unauthenticated'].includes(status);
}

export function correctionReducer(state: CorrectionState, event: CorrectionEvent): CorrectionState {
  switch (event.type) {
    case 'OPEN':
      if (state.status === 'sending') return state;
      return {
        ...initialCorrectionState(state.outcomeType, state.reasonRequired),
        status: 'editing',
        input: event.initialInput ?? '',
        baseVersion: event.baseVersion,
      };

    case 'RESTORE':
      if (state.status === 'sending') return state;
      return {
        ...initialCorrectionState(state.outcomeType, state.reasonRequired),
        status: 'editing',
        ...event.fields,
        baseVersion: event.baseVersion,
        // Keeping the key lets a restored, possibly-sent intent be replayed safely.
        idempotencyKey: event.idempotencyKey,
      };

    case 'EDIT': {
      if (!isEditable(state.status)) return state;
      if (state[event.field] === event.value) return state;
      // A different body is a different intent: the old key must not be replayed with it.
      return { ...state, status: 'editing', [event.field]: event.value, idempotencyKey: null, issues: [], error: null };
    }

    case 'REVIEW': {
      if (state.status !== 'editing') return state;
      const { value, issues } = validateCorrection(state);
      if (issues.length > 0) return { ...state, issues };
      return { ...state, status: 'confirming', value, issues: [] };
    }

    case 'BACK':
      if (state.status !== 'confirming') return state;
      return { ...state, status: 'editing' };

    case 'SEND':
      if (state.status !== 'confirming') return state;
      return { ...state, status: 'sending', idempotencyKey: state.idempotencyKey ?? event.newKey, error: null };

    case 'RETRY': {
      if (!canRetry(state)) return state;
      const { value, issues } = validateCorrection(state);
      if (issues.length > 0) return { ...state, status: 'editing', issues };
      return { ...state, status: 'sending', value, error: null };
    }

    case 'SUCCEEDED':
      if (state.status !== 'sending') return state;
      return { ...state, status: 'saved', result: event.result, idempotencyKey: null, error: null };

    case 'CONFLICT':
      if (state.status !== 'sending') return state;
      return { ...state, status: 'conflict', conflict: event.conflict };

    case 'FAILED':
      if (state.status !== 'sending') return state;
      return { ...state, status: 'failed', error: event.error };

    case 'UNKNOWN':
      if (state.status !== 'sending') return state;
      return { ...state, status: 'unknown', error: event.error };

    case 'UNAUTHENTICATED':
      if (state.status !== 'sending') return state;
      return { ...state, status: 'unauthenticated', error: event.error };

    case 'KEEP_THEIRS':
      if (state.status !== 'conflict') return state;
      return initialCorrectionState(state.outcomeType, state.reasonRequired);

    case 'OVERWRITE':
      if (state.status !== 'conflict' || !state.conflict) return state;
      // Overwriting is a new decision against a new precondition: new version, new key.
      return { ...state, status: 'confirming', baseVersion: state.conflict.version, idempotencyKey: null, conflict: null };

    case 'CANCEL':
      if (state.status === 'sending') return state;
      return initialCorrectionState(state.outcomeType, state.reasonRequired);
  }
}

interface ErrorBody {
  error?: unknown;
  message?: unknown;
  requestId?: unknown;
  details?: unknown;
}

function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function errorOf(code: string, body: ErrorBody | null, retryable: boolean, retryAfter?: number): CorrectionError {
  return {
    code,
    retryable,
    ...(typeof body?.message === 'string' && { message: body.message }),
    ...(typeof body?.requestId === 'string' && { requestId: body.requestId }),
    ...(retryAfter !== undefined && Number.isFinite(retryAfter) && retryAfter >= 0 && { retryAfter }),
  };
}

/** Refusals made before anything was sent upstream that a later retry of the same intent can pass. */
const RETRYABLE_REFUSALS = new Set(['correction_in_flight']);

/**
 * The event a server answer (or a network failure: `status` null) leads to. Network
 * errors and timeouts are "unknown": the server may have acted, so only a retry with the
 * same key (which replays the stored answer) can settle it. `retryAfter` is the answer's
 * `Retry-After` (seconds): how long until such a retry can tell more.
 */
export function eventForResponse(status: number | null, body: unknown, retryAfter?: number): CorrectionEvent {
  const errorBody = body && typeof body === 'object' ? (body as ErrorBody) : null;
  const code = typeof errorBody?.error === 'string' ? errorBody.error : null;
  if (status === null) return { type: 'UNKNOWN', error: { code: 'network_error', retryable: true } };
  if (status >= 200 && status < 300) return { type: 'SUCCEEDED', result: body };
  if (status === 401) return { type: 'UNAUTHENTICATED', error: errorOf(code ?? 'unauthenticated', errorBody, true) };
  if (status === 412) {
    // `details` = CorrectionConflictDetails: the task as it is now and who corrected it here.
    const details = asRecord(errorBody?.details);
    const current = asRecord(details.current);
    const last = asRecord(details.lastCorrection);
    return {
      type: 'CONFLICT',
      conflict: {
        theirs: details.current ?? null,
        version: typeof current.version === 'string' ? current.version : null,
        changedBy: typeof last.actorEmail === 'string' ? last.actorEmail : null,
        changedAt: typeof last.at === 'string' ? last.at : null,
      },
    };
  }
  if (status === 504 || code === 'outcome_unknown' || code === 'request_in_progress') {
    return { type: 'UNKNOWN', error: errorOf(code ?? 'outcome_unknown', errorBody, true, retryAfter) };
  }
  // An earlier correction of the task still awaits the upstream's answer: nothing was sent, and
  // the same intent can go through once it is settled.
  const retryable = status >= 500 || status === 429 || status === 408 || (code !== null && RETRYABLE_REFUSALS.has(code));
  return { type: 'FAILED', error: errorOf(code ?? `http_${status}`, errorBody, retryable, retryAfter) };
}
