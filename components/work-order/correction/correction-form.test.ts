import { describe, expect, it } from 'vitest';
import type { Rule } from '@/lib/shared/progress-score';
import type { ReasonCodeDto, TaskDto, WorkOrderDto } from '@/lib/shared/work-order-dto';
import { correctionReducer, initialCorrectionState, type CorrectionEvent, type CorrectionState } from './correction-machine';
import {
  activeReasonCodes,
  announcementFor,
  booleanForKey,
  currentInput,
  draftOf,
  initialInput,
  isTaskDto,
  previewFor,
  reasonLabel,
  restoreEvent,
} from './correction-form';

const rules: Rule[] = [
  { schema: { type: 'boolean', const: true }, color: '#26e4bc', sentence: 'Photo correcte', not_analyzed: false, is_conformity_validated: true },
  { schema: { type: 'boolean', const: false }, color: '#e4264e', sentence: 'Photo incorrecte', not_analyzed: false, is_conformity_validated: false },
];

function task(id: string, analyzed: boolean, corrected: boolean | null = null): TaskDto {
  const value = corrected ?? analyzed;
  return {
    id,
    name: id,
    sentence: id,
    taskGroupName: 'g',
    mandatory: true,
    outcomeType: 'Boolean',
    outcomeDisplay: null,
    rules,
    countedInScore: true,
    pushedToField: true,
    analyzed: true,
    state: {
      analyzedValue: analyzed,
      correctedValue: corrected,
      message: 'm',
      color: '#000000',
      isConformityValidated: value,
      analyzedInputs: [],
      updateDate: null,
    },
    effectiveValue: value,
    corrected: corrected !== null,
    validated: value,
    version: 'v1',
    lastCorrection: null,
  };
}

function workOrder(tasks: TaskDto[], progressScore: number): WorkOrderDto {
  return {
    taskGroups: [{ id: 'g', name: 'g', displayName: 'G', description: '', order: 0, exampleImageUrls: [], tasks }],
    progressScore,
  } as unknown as WorkOrderDto;
}

function run(events: CorrectionEvent[]): CorrectionState {
  return events.reduce(correctionReducer, initialCorrectionState('Boolean', true));
}

const open: CorrectionEvent = { type: 'OPEN', baseVersion: 'v1' };
const chooseTrue: CorrectionEvent = { type: 'EDIT', field: 'input', value: 'true' };
const reason: CorrectionEvent = { type: 'EDIT', field: 'reason', value: 'ai_wrong' };

describe('what the form starts from', () => {
  it('a Boolean starts with nothing chosen, unless Y/N chose before opening', () => {
    expect(initialInput({ outcomeType: 'Boolean', effectiveValue: true }, undefined)).toBe('');
    expect(initialInput({ outcomeType: 'Boolean', effectiveValue: true }, false)).toBe('false');
  });

  it('a Number or Text starts from the current value', () => {
    expect(initialInput({ outcomeType: 'Number', effectiveValue: 12.5 }, undefined)).toBe('12.5');
    expect(initialInput({ outcomeType: 'Text', effectiveValue: null }, undefined)).toBe('');
    expect(currentInput({ effectiveValue: 3 })).toBe('3');
    expect(currentInput({ effectiveValue: null })).toBe('');
  });
});

describe('a kept draft', () => {
  it('holds the fields, the version seen and the key, and says whether it was sent', () => {
    const sending = run([open, chooseTrue, reason, { type: 'REVIEW' }, { type: 'SEND', newKey: 'k1' }]);
    expect(draftOf(sending)).toEqual({ input: 'true', reason: 'ai_wrong', comment: '', baseVersion: 'v1', idempotencyKey: 'k1', sent: true });
    expect(draftOf(run([open, chooseTrue])).sent).toBe(false);
  });

  it('comes back into the form with its key, so a replay is deduplicated', () => {
    const restored = run([
      restoreEvent({
        input: 'true',
        reason: 'ai_wrong',
        comment: 'c',
        baseVersion: 'v0',
        idempotencyKey: 'k-old',
        sent: true,
        savedAt: '2026-01-01T00:00:00Z',
      }),
    ]);
    expect(restored).toMatchObject({
      status: 'editing',
      input: 'true',
      reason: 'ai_wrong',
      comment: 'c',
      baseVersion: 'v0',
      idempotencyKey: 'k-old',
    });
  });
});

describe('the preview', () => {
  const a = task('a', false);
  const b = task('b', true);
  const page = workOrder([a, b], 50);

  it('follows what is typed while editing, and is absent without a valid value', () => {
    expect(previewFor(page, a, run([open]))).toBeNull();
    const preview = previewFor(page, a, run([open, chooseTrue]));
    expect(preview).toMatchObject({ scoreBefore: 50, scoreAfter: 100, after: { value: true, message: 'Photo correcte', validated: true } });
  });

  it('shows the value under confirmation', () => {
    const confirming = run([open, chooseTrue, reason, { type: 'REVIEW' }]);
    expect(previewFor(page, a, confirming)?.after.value).toBe(true);
  });

  it('is computed against the task as the user last saw it (theirs after a conflict)', () => {
    const theirs = task('a', false, true);
    const preview = previewFor(page, theirs, run([open, chooseTrue]));
    expect(preview?.before).toMatchObject({ value: true, validated: true });
    // Theirs already says true: sending true again moves the score nowhere.
    expect(preview?.scoreAfter).toBe(preview?.scoreBefore);
  });
});

describe('reason codes', () => {
  const codes: ReasonCodeDto[] = [
    { code: 'b', label: 'Second', active: true, sortOrder: 2 },
    { code: 'old', label: 'Retired', active: false, sortOrder: 0 },
    { code: 'a', label: 'First', active: true, sortOrder: 1 },
  ] as ReasonCodeDto[];

  it('offers the active ones in their order', () => {
    expect(activeReasonCodes(codes).map((r) => r.code)).toEqual(['a', 'b']);
  });

  it('names the chosen one by its label, a retired one too, else by its code', () => {
    expect(reasonLabel(codes, 'a')).toBe('First');
    expect(reasonLabel(codes, 'old')).toBe('Retired');
    expect(reasonLabel(codes, 'gone')).toBe('gone');
  });
});

describe('Y and N', () => {
  it('choose the Boolean value while the form takes edits', () => {
    expect(booleanForKey('y', 'Boolean', { status: 'editing' })).toBe('true');
    expect(booleanForKey('N', 'Boolean', { status: 'failed' })).toBe('false');
    expect(booleanForKey('x', 'Boolean', { status: 'editing' })).toBeNull();
  });

  it('do nothing on a Number or Text task, nor once the form takes no edit', () => {
    expect(booleanForKey('y', 'Number', { status: 'editing' })).toBeNull();
    expect(booleanForKey('y', 'Boolean', { status: 'confirming' })).toBeNull();
    expect(booleanForKey('y', 'Boolean', { status: 'sending' })).toBeNull();
    expect(booleanForKey('y', 'Boolean', { status: 'idle' })).toBeNull();
  });
});

describe('after a send', () => {
  it.each<[CorrectionEvent, string]>([
    [{ type: 'SUCCEEDED', result: {} }, 'status.saved'],
    [{ type: 'CONFLICT', conflict: { theirs: null, version: null } }, 'conflict.title'],
    [{ type: 'UNAUTHENTICATED', error: { code: 'unauthenticated', retryable: true } }, 'status.unauthenticated'],
    [{ type: 'UNKNOWN', error: { code: 'network_error', retryable: true } }, 'status.unknown'],
    [{ type: 'FAILED', error: { code: 'http_500', retryable: true } }, 'status.failed'],
  ])('%j announces %s', (event, key) => {
    expect(announcementFor(event)).toBe(key);
  });

  it('takes the task a conflict names only when it is one of ours', () => {
    expect(isTaskDto(task('a', true))).toBe(true);
    expect(isTaskDto({ id: 'a' })).toBe(false);
    expect(isTaskDto(null)).toBe(false);
  });
});
