import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createTranslator } from 'next-intl';
import taskGroups from '@/messages/en/taskGroups.json';
import { describeRule } from './describe-rule';
import { ruleConditionText, type RuleTranslate } from './rule-condition-text';
import { matchSchema } from '@/lib/shared/progress-score';

const t = createTranslator({ locale: 'en', messages: { taskGroups }, namespace: 'taskGroups.rule' }) as unknown as RuleTranslate;
/** The condition as the English interface shows it. */
const inEnglish = (schema: unknown) => ruleConditionText(t, { schema: schema as never, not_analyzed: false });

describe('describeRule', () => {
  it.each([
    [{ type: 'boolean', const: true }, 'value is Yes'],
    [{ type: 'boolean', const: false }, 'value is No'],
    [{ type: 'number', minimum: 3 }, 'value ≥ 3'],
    [{ type: 'number', exclusiveMinimum: 3 }, 'value > 3'],
    [{ type: 'number', maximum: 2.5 }, 'value ≤ 2.5'],
    [{ type: 'number', exclusiveMaximum: 0 }, 'value < 0'],
    [{ type: 'number', minimum: 1, maximum: 10 }, '1 ≤ value ≤ 10'],
    [{ type: 'number', minimum: 1, exclusiveMaximum: 10 }, '1 ≤ value < 10'],
    [{ type: 'integer', minimum: 0 }, 'value is a whole number and value ≥ 0'],
    [{ type: 'string', minLength: 1 }, 'at least 1 characters'],
    [{ type: 'string', maxLength: 20 }, 'at most 20 characters'],
    [{ type: 'string', minLength: 2, maxLength: 5 }, '2 to 5 characters'],
    [{ type: 'string', pattern: '^OK' }, 'text matches ^OK'],
    [{ type: 'string', enum: ['OK', 'KO'] }, 'value is one of “OK”, “KO”'],
    [{ enum: ['only'] }, 'value is “only”'],
    [{ type: 'string' }, 'value is a text'],
    [{ type: ['number', 'null'] }, 'value is a number or empty value'],
    [{ const: 'done' }, 'value is “done”'],
    [{}, 'any value'],
    [true, 'any value'],
    [false, 'never'],
    [{ title: 'annotated only', description: 'x' }, 'any value'],
  ])('%j → %s', (schema, text) => {
    expect(inEnglish(schema)).toBe(text);
  });

  it('keeps the stricter of two lower bounds', () => {
    expect(inEnglish({ minimum: 3, exclusiveMinimum: 3 })).toBe('value > 3');
    expect(inEnglish({ minimum: 5, exclusiveMinimum: 3 })).toBe('value ≥ 5');
    expect(inEnglish({ maximum: 5, exclusiveMaximum: 7 })).toBe('value ≤ 5');
  });

  it('degrades on unknown keywords and marks the rule as never matching', () => {
    const description = describeRule({ type: 'number', anyOf: [{ minimum: 1 }], minimum: 2 });
    expect(description.neverMatches).toBe(true);
    expect(description.clauses).toContainEqual({ kind: 'unsupported', keyword: 'anyOf', detail: '[{"minimum":1}]' });
    expect(description.clauses).toContainEqual({ kind: 'compare', op: '>=', limit: 2 });
  });

  it.each([
    [{ minimum: '3' }, 'minimum'],
    [{ type: 'object' }, 'type'],
    [{ type: [] }, 'type'],
    [{ const: { a: 1 } }, 'const'],
    [{ enum: [] }, 'enum'],
    [{ maxLength: -1 }, 'maxLength'],
    [{ pattern: '(' }, 'pattern'],
    [null, 'schema'],
    ['text', 'schema'],
  ])('malformed %j is reported as unsupported %s', (schema, keyword) => {
    const description = describeRule(schema);
    expect(description.neverMatches).toBe(true);
    expect(description.clauses.some((c) => c.kind === 'unsupported' && c.keyword === keyword)).toBe(true);
  });

  it('truncates long unsupported details', () => {
    const description = describeRule({ allOf: ['x'.repeat(500)] });
    const clause = description.clauses[0];
    expect(clause.kind === 'unsupported' && clause.detail.length).toBe(80);
  });

  // The description must never promise a match the evaluator will not make.
  it('a rule described as never matching never matches any value', () => {
    const scalar = fc.oneof(fc.boolean(), fc.double({ noNaN: true }), fc.string(), fc.integer());
    const keyword = fc.constantFrom(
      'type',
      'const',
      'enum',
      'minimum',
      'maximum',
      'exclusiveMinimum',
      'minLength',
      'pattern',
      'anyOf',
      'not',
      'format',
      'multipleOf',
    );
    const schema = fc.dictionary(keyword, fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }), fc.constantFrom('number', 'string', 'boolean', '^a')));
    fc.assert(
      fc.property(schema, scalar, (s, value) => {
        if (describeRule(s).neverMatches) expect(matchSchema(s, value)).toBe(false);
      }),
    );
  });
});
