import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeRule, describeRuleInEnglish } from './describe-rule';
import { matchSchema } from './progress-score';

describe('describeRule', () => {
  it.each([
    [{ type: 'boolean', const: true }, 'value is true'],
    [{ type: 'boolean', const: false }, 'value is false'],
    [{ type: 'number', minimum: 3 }, 'value ≥ 3'],
    [{ type: 'number', exclusiveMinimum: 3 }, 'value > 3'],
    [{ type: 'number', maximum: 2.5 }, 'value ≤ 2.5'],
    [{ type: 'number', exclusiveMaximum: 0 }, 'value < 0'],
    [{ type: 'number', minimum: 1, maximum: 10 }, '1 ≤ value ≤ 10'],
    [{ type: 'number', minimum: 1, exclusiveMaximum: 10 }, '1 ≤ value < 10'],
    [{ type: 'integer', minimum: 0 }, 'value is an integer and value ≥ 0'],
    [{ type: 'string', minLength: 1 }, 'at least 1 characters'],
    [{ type: 'string', maxLength: 20 }, 'at most 20 characters'],
    [{ type: 'string', minLength: 2, maxLength: 5 }, 'length 2–5 characters'],
    [{ type: 'string', pattern: '^OK' }, 'text matches /^OK/'],
    [{ type: 'string', enum: ['OK', 'KO'] }, 'value is one of “OK”, “KO”'],
    [{ enum: ['only'] }, 'value is “only”'],
    [{ type: 'string' }, 'value is a string'],
    [{ type: ['number', 'null'] }, 'value is a number or null'],
    [{ const: 'done' }, 'value is “done”'],
    [{}, 'any value'],
    [true, 'any value'],
    [false, 'never'],
    [{ title: 'annotated only', description: 'x' }, 'any value'],
  ])('%j → %s', (schema, text) => {
    expect(describeRuleInEnglish(schema)).toBe(text);
  });

  it('keeps the stricter of two lower bounds', () => {
    expect(describeRuleInEnglish({ minimum: 3, exclusiveMinimum: 3 })).toBe('value > 3');
    expect(describeRuleInEnglish({ minimum: 5, exclusiveMinimum: 3 })).toBe('value ≥ 5');
    expect(describeRuleInEnglish({ maximum: 5, exclusiveMaximum: 7 })).toBe('value ≤ 5');
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
    const keyword = fc.constantFrom('type', 'const', 'enum', 'minimum', 'maximum', 'exclusiveMinimum', 'minLength', 'pattern', 'anyOf', 'not', 'format', 'multipleOf');
    const schema = fc.dictionary(keyword, fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }), fc.constantFrom('number', 'string', 'boolean', '^a')));
    fc.assert(
      fc.property(schema, scalar, (s, value) => {
        if (describeRule(s).neverMatches) expect(matchSchema(s, value)).toBe(false);
      }),
    );
  });
});
