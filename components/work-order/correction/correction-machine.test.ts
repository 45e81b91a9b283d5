import { describe, expect, it } from 'vitest';
import {
  canRetry,
  correctionReducer,
  eventForResponse,
  hasChangesToKeep,
  hasUnsavedIntent,
  initialCorrectionState,
  isEditable,
  wasSent,
  type CorrectionEvent,
  type CorrectionState,
  type CorrectionStatus,
} from './correction-machine';
import type { OutcomeType } from '@/lib/shared/progress-score';

function run(events: CorrectionEvent[], outcomeType: OutcomeType = 'Boolean', reasonRequired = true): CorrectionState {
  return events.reduce(correctionReducer, initialCorrectionState(outcomeType, reasonRequired));
}

const open: CorrectionEvent = { type: 'OPEN', baseVersion: 'v0' };
const fill: CorrectionEvent[] = [open, { type: 'EDIT', field: 'input', value: 'true' }, { type: 'EDIT', field: 'reason', value: 'ai_wrong' }];
const toSending: CorrectionEvent[] = [...fill, { type: 'REVIEW' }, { type: 'SEND', newKey: 'k1' }];
const failure = { code: 'correction_not_applied', retryable: true };

describe('correctionReducer transitions', () => {
  const cases: Array<[string, CorrectionEvent[], CorrectionStatus]> = [
    ['starts idle', [], 'idle'],
    ['OPEN → editing', [open], 'editing'],
    ['REVIEW with a valid value → confirming', [...fill, { type: 'REVIEW' }], 'confirming'],
    ['REVIEW without a value stays editing', [open, { type: 'REVIEW' }], 'editing'],
    ['BACK from confirming → editing', [...fill, { type: 'REVIEW' }, { type: 'BACK' }], 'editing'],
    ['SEND from confirming → sending', toSending, 'sending'],
    ['SEND from editing is ignored', [...fill, { type: 'SEND', newKey: 'k' }], 'editing'],
    ['SUCCEEDED → saved', [...toSending, { type: 'SUCCEEDED', result: {} }], 'saved'],
    ['SUCCEEDED outside sending is ignored', [...fill, { type: 'SUCCEEDED', result: {} }], 'editing'],
    ['CONFLICT → conflict', [...toSending, { type: 'CONFLICT', conflict: { theirs: null, version: 'v1' } }], 'conflict'],
    ['FAILED → failed', [...toSending, { type: 'FAILED', error: failure }], 'failed'],
    ['UNKNOWN → unknown', [...toSending, { type: 'UNKNOWN', error: failure }], 'unknown'],
    ['UNAUTHENTICATED → unauthenticated', [...toSending, { type: 'UNAUTHENTICATED', error: failure }], 'unauthenticated'],
    ['RETRY after failed → sending', [...toSending, { type: 'FAILED', error: failure }, { type: 'RETRY' }], 'sending'],
    ['RETRY after unknown → sending', [...toSending, { type: 'UNKNOWN', error: failure }, { type: 'RETRY' }], 'sending'],
    ['RETRY after 401 → sending', [...toSending, { type: 'UNAUTHENTICATED', error: failure }, { type: 'RETRY' }], 'sending'],
    ['RETRY while editing is ignored', [...fill, { type: 'RETRY' }], 'editing'],
    ['CANCEL while sending is ignored', [...toSending, { type: 'CANCEL' }], 'sending'],
    ['OPEN while sending is ignored', [...toSending, open], 'sending'],
    ['CANCEL from editing → idle', [...fill, { type: 'CANCEL' }], 'idle'],
    ['KEEP_THEIRS → idle', [...toSending, { type: 'CONFLICT', conflict: { theirs: null, version: 'v1' } }, { type: 'KEEP_THEIRS' }], 'idle'],
    ['OVERWRITE → confirming', [...toSending, { type: 'CONFLICT', conflict: { theirs: null, version: 'v1' } }, { type: 'OVERWRITE' }], 'confirming'],
    ['EDIT after failure → editing', [...toSending, { type: 'FAILED', error: failure }, { type: 'EDIT', field: 'input', value: 'false' }], 'editing'],
    ['EDIT while sending is ignored', [...toSending, { type: 'EDIT', field: 'input', value: 'false' }], 'sending'],
    ['EDIT while confirming is ignored', [...fill, { type: 'REVIEW' }, { type: 'EDIT', field: 'input', value: 'false' }], 'confirming'],
    [
      'EDIT in a conflict is ignored',
      [...toSending, { type: 'CONFLICT', conflict: { theirs: null, version: 'v1' } }, { type: 'EDIT', field: 'input', value: 'false' }],
      'conflict',
    ],
  ];
  it.each(cases)('%s', (_name, events, status) => {
    expect(run(events).status).toBe(status);
  });
});

describe('isEditable: the one rule for when the form takes edits', () => {
  it.each<[CorrectionStatus, boolean]>([
    ['idle', false],
    ['editing', true],
    ['confirming', false],
    ['sending', false],
    ['saved', false],
    ['conflict', false],
    ['failed', true],
    ['unknown', true],
    ['unauthenticated', true],
  ])('%s → %s', (status, editable) => {
    expect(isEditable(status)).toBe(editable);
  });

  it('what the confirmation shows is what Send sends', () => {
    const confirming = run([...fill, { type: 'REVIEW' }, { type: 'EDIT', field: 'input', value: 'false' }]);
    expect(confirming).toMatchObject({ status: 'confirming', input: 'true', value: true });
    const sent = correctionReducer(confirming, { type: 'SEND', newKey: 'k1' });
    expect(sent).toMatchObject({ status: 'sending', value: true, idempotencyKey: 'k1' });
  });
});

describe('canRetry and wasSent', () => {
  it('Retry needs an intent sent and not saved, with its key', () => {
    expect(canRetry(run([...toSending, { type: 'FAILED', error: failure }]))).toBe(true);
    expect(canRetry(run([...toSending, { type: 'UNKNOWN', error: failure }]))).toBe(true);
    expect(canRetry(run([...toSending, { type: 'UNAUTHENTICATED', error: failure }]))).toBe(true);
    expect(canRetry(run(toSending))).toBe(false);
    expect(canRetry(run(fill))).toBe(false);
    // Edited after the failure: a new intent, not sent yet.
    expect(canRetry(run([...toSending, { type: 'FAILED', error: failure }, { type: 'EDIT', field: 'input', value: 'false' }]))).toBe(false);
  });

  it('a draft is marked sent from the first send until it is saved', () => {
    expect(wasSent('editing')).toBe(false);
    expect(wasSent('confirming')).toBe(false);
    expect(wasSent('sending')).toBe(true);
    expect(wasSent('failed')).toBe(true);
    expect(wasSent('unknown')).toBe(true);
    expect(wasSent('unauthenticated')).toBe(true);
    expect(wasSent('saved')).toBe(false);
  });
});

describe('hasChangesToKeep (draft and leave-page prompt)', () => {
  const openWith = (input: string, outcomeType: OutcomeType = 'Number') =>
    run([{ type: 'OPEN', baseVersion: 'v0', initialInput: input }], outcomeType);

  it('keeps nothing for a form opened and left as it was', () => {
    expect(hasChangesToKeep(openWith('12'), '12')).toBe(false);
    // A Boolean form opens with nothing chosen.
    expect(hasChangesToKeep(openWith('', 'Boolean'), 'true')).toBe(false);
    expect(hasChangesToKeep(run([]), '12')).toBe(false);
  });

  it('keeps a value other than the current one, a reason or a comment', () => {
    expect(hasChangesToKeep(correctionReducer(openWith('12'), { type: 'EDIT', field: 'input', value: '13' }), '12')).toBe(true);
    expect(hasChangesToKeep(correctionReducer(openWith('12'), { type: 'EDIT', field: 'reason', value: 'ai_wrong' }), '12')).toBe(true);
    expect(hasChangesToKeep(correctionReducer(openWith('12'), { type: 'EDIT', field: 'comment', value: 'seen on site' }), '12')).toBe(true);
    expect(hasChangesToKeep(correctionReducer(openWith('12'), { type: 'EDIT', field: 'comment', value: '   ' }), '12')).toBe(false);
    // Typed, then put back: nothing left to keep.
    const reverted = [
      { type: 'EDIT', field: 'input', value: '13' },
      { type: 'EDIT', field: 'input', value: '12' },
    ] as CorrectionEvent[];
    expect(hasChangesToKeep(reverted.reduce(correctionReducer, openWith('12')), '12')).toBe(false);
  });

  it('always keeps an intent past editing', () => {
    expect(hasChangesToKeep(run(toSending), 'true')).toBe(true);
    expect(hasChangesToKeep(run([...toSending, { type: 'FAILED', error: failure }]), 'true')).toBe(true);
    expect(hasChangesToKeep(run([...toSending, { type: 'SUCCEEDED', result: {} }]), 'true')).toBe(false);
  });
});

describe('correction intent and idempotency key', () => {
  it('never drops the value on any failure', () => {
    for (const end of [
      { type: 'FAILED', error: failure },
      { type: 'UNKNOWN', error: failure },
      { type: 'UNAUTHENTICATED', error: failure },
      { type: 'CONFLICT', conflict: { theirs: true, version: 'v1' } },
    ] as CorrectionEvent[]) {
      const state = run([...toSending, end]);
      expect(state.input).toBe('true');
      expect(state.reason).toBe('ai_wrong');
      expect(hasUnsavedIntent(state)).toBe(true);
    }
  });

  it('creates the key once and reuses it on every retry', () => {
    let state = run(toSending);
    expect(state.idempotencyKey).toBe('k1');
    state = correctionReducer(state, { type: 'UNKNOWN', error: failure });
    state = correctionReducer(state, { type: 'RETRY' });
    state = correctionReducer(state, { type: 'FAILED', error: failure });
    state = correctionReducer(state, { type: 'RETRY' });
    expect(state.idempotencyKey).toBe('k1');
  });

  it('a double SEND keeps the first key', () => {
    const state = run([...toSending, { type: 'SEND', newKey: 'k2' }]);
    expect(state.idempotencyKey).toBe('k1');
  });

  it('editing the value is a new intent with a new key', () => {
    let state = run([...toSending, { type: 'FAILED', error: failure }, { type: 'EDIT', field: 'input', value: 'false' }]);
    expect(state.idempotencyKey).toBeNull();
    state = correctionReducer(correctionReducer(state, { type: 'REVIEW' }), { type: 'SEND', newKey: 'k2' });
    expect(state.idempotencyKey).toBe('k2');
    expect(state.value).toBe(false);
  });

  it('a restored draft keeps its key so the replay is deduplicated', () => {
    let state = run([
      { type: 'RESTORE', fields: { input: 'true', reason: 'ai_wrong', comment: '' }, baseVersion: 'v0', idempotencyKey: 'k-old' },
      { type: 'REVIEW' },
      { type: 'SEND', newKey: 'k-new' },
    ]);
    expect(state.idempotencyKey).toBe('k-old');
    state = correctionReducer(state, { type: 'SUCCEEDED', result: {} });
    expect(state.idempotencyKey).toBeNull();
  });

  it('overwrite after a conflict sends against their version with a new key', () => {
    let state = run([...toSending, { type: 'CONFLICT', conflict: { theirs: { corrected_value: false }, version: 'v1' } }, { type: 'OVERWRITE' }]);
    expect(state.baseVersion).toBe('v1');
    expect(state.idempotencyKey).toBeNull();
    state = correctionReducer(state, { type: 'SEND', newKey: 'k2' });
    expect(state).toMatchObject({ status: 'sending', idempotencyKey: 'k2', input: 'true' });
  });

  it('saved is not an unsaved intent; idle neither', () => {
    expect(hasUnsavedIntent(run([...toSending, { type: 'SUCCEEDED', result: {} }]))).toBe(false);
    expect(hasUnsavedIntent(run([]))).toBe(false);
  });
});

describe('validation', () => {
  it.each<[OutcomeType, string, string, unknown, string[]]>([
    ['Boolean', 'true', 'r', true, []],
    ['Boolean', 'false', 'r', false, []],
    ['Boolean', '', 'r', null, ['value_required']],
    ['Boolean', 'maybe', 'r', null, ['invalid_boolean']],
    ['Number', '3.5', 'r', 3.5, []],
    ['Number', '-2', 'r', -2, []],
    ['Number', '3,5', 'r', null, ['invalid_number']],
    ['Number', '  ', 'r', null, ['value_required']],
    ['Text', 'Câble OK', 'r', 'Câble OK', []],
    ['Text', '', 'r', null, ['value_required']],
    ['Text', 'x', '', 'x', ['reason_required']],
  ])('%s %j (reason %j) → %j %j', (type, input, reason, value, issues) => {
    const events: CorrectionEvent[] = [
      open,
      { type: 'EDIT', field: 'input', value: input },
      { type: 'EDIT', field: 'reason', value: reason },
      { type: 'REVIEW' },
    ];
    const state = run(events, type);
    expect(state.issues).toEqual(issues);
    if (issues.length === 0) expect(state.value).toEqual(value);
  });

  it('reason is optional when no reason codes exist', () => {
    const state = run([open, { type: 'EDIT', field: 'input', value: 'true' }, { type: 'REVIEW' }], 'Boolean', false);
    expect(state.status).toBe('confirming');
  });
});

describe('eventForResponse', () => {
  it.each<[number | null, unknown, string, boolean?]>([
    [200, { id: 't', progress_score: 50 }, 'SUCCEEDED'],
    [401, { error: 'unauthenticated' }, 'UNAUTHENTICATED', true],
    [412, { error: 'precondition_failed', details: { current: { version: 'v9' }, lastCorrection: null } }, 'CONFLICT'],
    [502, { error: 'correction_not_applied', message: 'not applied', requestId: 'r1' }, 'FAILED', true],
    [503, { error: 'upstream_unavailable' }, 'FAILED', true],
    [504, { error: 'outcome_unknown' }, 'UNKNOWN', true],
    [409, { error: 'request_in_progress' }, 'UNKNOWN', true],
    [409, { error: 'correction_in_flight' }, 'FAILED', true],
    [400, { error: 'validation_failed' }, 'FAILED', false],
    [409, { error: 'task_not_analyzed' }, 'FAILED', false],
    [422, { error: 'idempotency_key_reused' }, 'FAILED', false],
    [null, null, 'UNKNOWN', true],
    [500, 'not json', 'FAILED', true],
  ])('%s %j → %s', (status, body, type, retryable) => {
    const event = eventForResponse(status, body);
    expect(event.type).toBe(type);
    if ('error' in event) expect(event.error.retryable).toBe(retryable);
  });

  it('keeps the conflict details', () => {
    const current = { id: 't1', version: 'v9', correctedValue: true };
    const event = eventForResponse(412, { details: { current, lastCorrection: { actorEmail: 'a@x', at: '2026-01-01T00:00:00Z' } } });
    expect(event).toEqual({ type: 'CONFLICT', conflict: { theirs: current, version: 'v9', changedBy: 'a@x', changedAt: '2026-01-01T00:00:00Z' } });
  });

  it('keeps the wait the server asked for (Retry-After) on an unknown outcome and on a correction in flight', () => {
    expect(eventForResponse(504, { error: 'outcome_unknown', requestId: 'req-2' }, 30)).toEqual({
      type: 'UNKNOWN',
      error: { code: 'outcome_unknown', requestId: 'req-2', retryable: true, retryAfter: 30 },
    });
    const message = 'An earlier correction of this task is still awaiting Deepomatic.';
    expect(eventForResponse(409, { error: 'correction_in_flight', message }, 42)).toEqual({
      type: 'FAILED',
      error: { code: 'correction_in_flight', message, retryable: true, retryAfter: 42 },
    });
    expect(eventForResponse(504, { error: 'outcome_unknown' })).toEqual({ type: 'UNKNOWN', error: { code: 'outcome_unknown', retryable: true } });
  });

  it('a correction refused as in flight keeps the typed value and its key, and Retry sends the same intent', () => {
    const refused = run([...toSending, eventForResponse(409, { error: 'correction_in_flight' }, 60)]);
    expect(refused).toMatchObject({ status: 'failed', input: 'true', reason: 'ai_wrong', idempotencyKey: 'k1', error: { retryAfter: 60 } });
    expect(canRetry(refused)).toBe(true);
    expect(correctionReducer(refused, { type: 'RETRY' })).toMatchObject({ status: 'sending', input: 'true', idempotencyKey: 'k1', error: null });
  });

  it('keeps the request id and message of an error', () => {
    const event = eventForResponse(502, { error: 'correction_not_applied', message: 'Not applied', requestId: 'req-1' });
    expect(event).toEqual({ type: 'FAILED', error: { code: 'correction_not_applied', message: 'Not applied', requestId: 'req-1', retryable: true } });
  });
});
