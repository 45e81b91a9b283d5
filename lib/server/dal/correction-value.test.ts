import { describe, expect, it } from 'vitest';
import { isAppError } from '@/lib/server/http/errors';
import { parseInput } from '@/lib/server/http/field-errors';
import { checkCorrectionValue, correctionBodySchema, sameTaskValue } from './correction-value';

const parseCorrectionBody = (body: unknown) => parseInput(correctionBodySchema, body);

function fieldError(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (isAppError(error)) return `${error.code}:${error.fields?.correctedValue ?? Object.keys(error.fields ?? {}).join(',')}`;
    throw error;
  }
  return undefined;
}

describe('checkCorrectionValue', () => {
  it.each([
    ['Boolean', true, true],
    ['Boolean', false, false],
    ['Number', 12.5, 12.5],
    ['Number', -3, -3],
    ['Text', 'Cable label ok', 'Cable label ok'],
  ] as const)('%s accepts %j', (type, value, expected) => {
    expect(checkCorrectionValue(type, value)).toBe(expected);
  });

  it.each([
    ['Boolean', 'true', 'validation_failed:invalid_type'],
    ['Boolean', 1, 'validation_failed:invalid_type'],
    ['Number', '12', 'validation_failed:invalid_type'],
    ['Number', Number.NaN, 'validation_failed:invalid_type'],
    ['Number', Number.POSITIVE_INFINITY, 'validation_failed:invalid_type'],
    ['Text', 12, 'validation_failed:invalid_type'],
    ['Text', '   ', 'validation_failed:required'],
    ['Text', 'x'.repeat(257), 'validation_failed:too_long'],
    ['Text', 'ok\n{"level":30,"msg":"forged"}', 'validation_failed:invalid_format'],
    ['Text', 'bell\u0007', 'validation_failed:invalid_format'],
    ['Mystery', true, 'validation_failed:invalid_type'],
  ] as const)('%s refuses %j', (type, value, expected) => {
    expect(fieldError(() => checkCorrectionValue(type, value))).toBe(expected);
  });

  it('accepts exactly 256 characters of text', () => {
    expect(checkCorrectionValue('Text', 'é'.repeat(256))).toHaveLength(256);
  });
});

describe('parseCorrectionBody', () => {
  it('takes value, reason and optional comment', () => {
    expect(parseCorrectionBody({ correctedValue: false, reason: 'ai_false_positive' })).toEqual({
      correctedValue: false,
      reason: 'ai_false_positive',
    });
    expect(parseCorrectionBody({ correctedValue: 'x', reason: 'other', comment: 'line 1\nline 2' }).comment).toBe('line 1\nline 2');
  });

  it.each([
    [{ correctedValue: true, reason: 'other', analyzedValue: false }, 'validation_failed:analyzedValue'],
    [{ correctedValue: true, reason: 'other', state: {} }, 'validation_failed:state'],
    [{ reason: 'other' }, 'validation_failed:correctedValue'],
    [{ correctedValue: null, reason: 'other' }, 'validation_failed:correctedValue'],
    [{ correctedValue: true }, 'validation_failed:reason'],
    [{ correctedValue: true, reason: 'other', comment: 'x'.repeat(2001) }, 'validation_failed:comment'],
    [[true], 'validation_failed:_'],
  ])('refuses %j', (body, expected) => {
    try {
      parseCorrectionBody(body);
      expect.unreachable();
    } catch (error) {
      if (!isAppError(error)) throw error;
      expect(`${error.code}:${Object.keys(error.fields ?? {}).join(',')}`).toBe(expected);
    }
  });
});

describe('sameTaskValue', () => {
  it('compares stored values with the requested one', () => {
    expect(sameTaskValue(true, true)).toBe(true);
    expect(sameTaskValue(false, true)).toBe(false);
    expect(sameTaskValue(null, true)).toBe(false);
    expect(sameTaskValue('12', 12)).toBe(true);
    expect(sameTaskValue('true', true)).toBe(true);
    expect(sameTaskValue('abc', 'abc')).toBe(true);
  });
});
