import { describe, expect, it } from 'vitest';
import {
  coerceTaskValue,
  effectiveValue,
  evaluateTask,
  matchRule,
  matchSchema,
  progressScore,
  renderSentence,
  type Rule,
  type RuleSchema,
  type ScoredTask,
  type TaskValue,
} from './progress-score';

const rule = (schema: RuleSchema, validated: boolean, sentence = 'S', color = '#26e4bc', notAnalyzed = false): Rule => ({
  schema,
  color,
  sentence,
  not_analyzed: notAnalyzed,
  is_conformity_validated: validated,
});

describe('matchSchema', () => {
  const cases: Array<[string, RuleSchema, unknown, boolean]> = [
    ['empty schema matches anything', {}, 'x', true],
    ['true schema', true, 1, true],
    ['false schema', false, 1, false],
    ['boolean type', { type: 'boolean' }, true, true],
    ['boolean type rejects string', { type: 'boolean' }, 'true', false],
    ['const true', { type: 'boolean', const: true }, true, true],
    ['const true rejects false', { type: 'boolean', const: true }, false, false],
    ['number type', { type: 'number' }, 2.5, true],
    ['integer type accepts 3', { type: 'integer' }, 3, true],
    ['integer type rejects 3.5', { type: 'integer' }, 3.5, false],
    ['type list', { type: ['string', 'number'] }, 4, true],
    ['string type rejects number', { type: 'string' }, 4, false],
    ['enum hit', { enum: ['a', 'b'] }, 'b', true],
    ['enum miss', { enum: ['a', 'b'] }, 'c', false],
    ['enum not a list', { enum: 'a' }, 'a', false],
    ['minimum inclusive', { minimum: 5 }, 5, true],
    ['minimum below', { minimum: 5 }, 4.99, false],
    ['maximum inclusive', { maximum: 5 }, 5, true],
    ['maximum above', { maximum: 5 }, 6, false],
    ['exclusiveMinimum equal', { exclusiveMinimum: 5 }, 5, false],
    ['exclusiveMinimum above', { exclusiveMinimum: 5 }, 5.1, true],
    ['exclusiveMaximum equal', { exclusiveMaximum: 5 }, 5, false],
    ['exclusiveMaximum below', { exclusiveMaximum: 5 }, 4, true],
    ['range', { type: 'number', minimum: -28, maximum: -8 }, -15, true],
    ['numeric keyword ignores strings', { minimum: 5 }, 'abc', true],
    ['minLength', { minLength: 3 }, 'abc', true],
    ['minLength short', { minLength: 3 }, 'ab', false],
    ['maxLength counts code points', { maxLength: 2 }, 'é😀', true],
    ['maxLength long', { maxLength: 2 }, 'abc', false],
    ['pattern', { type: 'string', pattern: '^CAB-[0-9]{6}$' }, 'CAB-004512', true],
    ['pattern miss', { type: 'string', pattern: '^CAB-[0-9]{6}$' }, 'CAB-45', false],
    ['pattern is a search, not anchored', { pattern: 'B-1' }, 'CAB-1', true],
    ['invalid pattern never matches', { pattern: '([' }, 'x', false],
    ['unknown keyword never matches', { type: 'string', format: 'date' }, '2024-01-01', false],
    ['annotations are fine', { type: 'boolean', title: 'T', description: 'D' }, true, true],
    ['malformed minimum', { minimum: '5' }, 6, false],
  ];
  it.each(cases)('%s', (_name, schema, value, expected) => {
    expect(matchSchema(schema, value)).toBe(expected);
  });
});

describe('matchRule', () => {
  const rules = [
    rule({ type: 'number', maximum: 25 }, true, 'ok {}'),
    rule({ type: 'number' }, false, 'ko {}'),
    rule({}, false, 'not analysed', '#444444', true),
  ];
  it('first matching rule wins', () => {
    expect(matchRule(rules, 10)?.sentence).toBe('ok {}');
    expect(matchRule(rules, 30)?.sentence).toBe('ko {}');
  });
  it('not_analyzed rules apply only without a value', () => {
    expect(matchRule(rules, null)?.sentence).toBe('not analysed');
    expect(matchRule([rule({}, true)], null)).toBeNull();
  });
  it('null or empty rules match nothing', () => {
    expect(matchRule(null, true)).toBeNull();
    expect(matchRule([], true)).toBeNull();
  });
  it('overlapping rules: the sample case where the second rule is unreachable', () => {
    const sample = [rule({ type: 'boolean', const: false }, false, 'Numbers of outcome'), rule({ type: 'boolean', const: false }, true, 'Plant')];
    expect(matchRule(sample, false)?.sentence).toBe('Numbers of outcome');
    expect(matchRule(sample, true)).toBeNull();
  });
});

describe('effectiveValue and sentences', () => {
  const cases: Array<[string, Parameters<typeof effectiveValue>[0], TaskValue | null]> = [
    ['no state', null, null],
    ['analysed only', { analyzed_value: false, corrected_value: null }, false],
    ['correction wins', { analyzed_value: false, corrected_value: true }, true],
    ['correction to false wins over true', { analyzed_value: true, corrected_value: false }, false],
    ['zero is a value', { analyzed_value: 0, corrected_value: null }, 0],
  ];
  it.each(cases)('%s', (_name, state, expected) => expect(effectiveValue(state)).toBe(expected));

  it('replaces every {} with the value', () => {
    expect(renderSentence('{}', true)).toBe('true');
    expect(renderSentence('Atténuation {} dB ({})', 21.5)).toBe('Atténuation 21.5 dB (21.5)');
    expect(renderSentence('Plain', 'x')).toBe('Plain');
  });
});

describe('evaluateTask', () => {
  const task = {
    outcome_validation: [
      rule({ type: 'boolean', const: true }, true, 'Photo correcte', '#26e4bc'),
      rule({ type: 'boolean', const: false }, false, '{}', '#e4264e'),
    ],
    state: { analyzed_value: false, corrected_value: null },
  };
  it('uses the matched rule', () => {
    expect(evaluateTask(task)).toMatchObject({ value: false, message: 'false', color: '#e4264e', is_conformity_validated: false });
  });
  it('previews another value', () => {
    expect(evaluateTask(task, true)).toMatchObject({ value: true, message: 'Photo correcte', color: '#26e4bc', is_conformity_validated: true });
  });
  it('no rule matched: no message, no colour, not validated', () => {
    expect(evaluateTask({ outcome_validation: null, state: { analyzed_value: true, corrected_value: null } })).toEqual({
      value: true,
      rule: null,
      message: null,
      color: null,
      is_conformity_validated: false,
    });
  });
});

describe('progressScore', () => {
  const yes = [rule({ const: true }, true), rule({ const: false }, false)];
  const t = (
    conformity: boolean,
    value: TaskValue | null,
    rules: Rule[] | null = yes,
    id?: string,
    corrected: TaskValue | null = null,
  ): ScoredTask => ({
    id,
    conformity_status: conformity,
    outcome_validation: rules,
    state: value === null && corrected === null ? null : { analyzed_value: value, corrected_value: corrected },
  });
  const cases: Array<[string, ScoredTask[], number]> = [
    ['no tasks', [], 0],
    ['no task counts', [t(false, true), t(false, true)], 0],
    ['all validated', [t(true, true), t(true, true)], 100],
    ['none analysed', [t(true, null), t(true, null)], 0],
    ['one of three, floored', [t(true, true), t(true, false), t(true, null)], 33],
    ['two of three, floored', [t(true, true), t(true, true), t(true, false)], 66],
    ['one of eight (the sample TestQA 12)', [t(true, true), ...Array.from({ length: 7 }, () => t(true, false))], 12],
    ['non-conformity tasks ignored', [t(true, true), t(false, false), t(true, false)], 50],
    ['correction counts', [t(true, false, yes, undefined, true), t(true, false)], 50],
    ['null rules never validate', [t(true, true, null), t(true, true)], 50],
    ['not_analyzed rule can validate an empty task', [t(true, null, [rule({}, true, 'n/a', '#444444', true)])], 100],
    ['a task repeated with the same id counts once', [t(true, true, yes, 'a'), t(true, true, yes, 'a'), t(true, false, yes, 'b')], 50],
  ];
  it.each(cases)('%s', (_name, tasks, expected) => expect(progressScore(tasks)).toBe(expected));
});

describe('coerceTaskValue', () => {
  const cases: Array<[string, string, unknown, ReturnType<typeof coerceTaskValue>]> = [
    ['boolean', 'Boolean', true, { ok: true, value: true }],
    ['boolean string', 'Boolean', 'false', { ok: true, value: false }],
    ['boolean string any case', 'Boolean', ' TRUE ', { ok: true, value: true }],
    ['boolean rejects 1', 'Boolean', 1, { ok: false, reason: 'invalid_boolean' }],
    ['boolean rejects yes', 'Boolean', 'yes', { ok: false, reason: 'invalid_boolean' }],
    ['number', 'Number', 21.5, { ok: true, value: 21.5 }],
    ['numeric string', 'Number', '-3.5', { ok: true, value: -3.5 }],
    ['number rejects text', 'Number', '12abc', { ok: false, reason: 'invalid_number' }],
    ['number rejects boolean', 'Number', true, { ok: false, reason: 'invalid_number' }],
    ['number rejects empty', 'Number', '', { ok: false, reason: 'invalid_number' }],
    ['text', 'Text', 'CAB-1', { ok: true, value: 'CAB-1' }],
    ['text from number', 'Text', 42, { ok: true, value: '42' }],
    ['text rejects boolean', 'Text', true, { ok: false, reason: 'invalid_text' }],
    ['text rejects object', 'Text', { a: 1 }, { ok: false, reason: 'invalid_text' }],
    ['null', 'Boolean', null, { ok: false, reason: 'null' }],
  ];
  it.each(cases)('%s', (_name, type, raw, expected) => expect(coerceTaskValue(type, raw)).toEqual(expected));
});
