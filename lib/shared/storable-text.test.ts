import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { findUnstorableText, hasUnstorableText, storableJson, storableText, unstorableTextProblem } from './storable-text';

describe('unstorable text', () => {
  it('finds a lone surrogate (either half) and NUL, not a well-formed pair', () => {
    expect(unstorableTextProblem('x\ud800')).toBe('lone_surrogate');
    expect(unstorableTextProblem('\udc00x')).toBe('lone_surrogate');
    expect(unstorableTextProblem('\udc00\ud800')).toBe('lone_surrogate');
    expect(unstorableTextProblem('a\u0000b')).toBe('nul');
    expect(unstorableTextProblem('emoji 😀, accents éà, tab\t')).toBeNull();
    expect(hasUnstorableText('tab\there')).toBe(false);
    expect(hasUnstorableText('tab\there', { controls: true })).toBe(true);
  });

  it('makes any string storable: U+FFFD for a lone surrogate, NUL dropped, pairs kept', () => {
    expect(storableText('x\ud800y')).toBe('x\uFFFDy');
    expect(storableText('a\u0000b😀')).toBe('ab😀');
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (value) => unstorableTextProblem(storableText(value)) === null));
  });

  it('makes any JSON value storable at any depth, keys included, and keeps a __proto__ key a key', () => {
    const stored = storableJson({ 'k\ud800': ['x\u0000', { deep: '\udfff' }], at: new Date(0), n: 10n }) as Record<string, unknown>;
    expect(stored).toEqual({ 'k\uFFFD': ['x', { deep: '\uFFFD' }], at: '1970-01-01T00:00:00.000Z', n: '10' });
    const proto = storableJson(JSON.parse('{"__proto__":{"polluted":1}}')) as Record<string, unknown>;
    expect(Object.getPrototypeOf(proto)).toBe(Object.prototype);
    expect(Object.keys(proto)).toEqual(['__proto__']);
    fc.assert(fc.property(fc.jsonValue({ stringUnit: 'binary' }), (value) => findUnstorableText(storableJson(value)) === null));
  });

  it('names the top-level field that holds unstorable text, however deep, without recursion', () => {
    expect(findUnstorableText({ ok: 'x', tags: ['a', 'b\ud800'] })).toEqual({ field: 'tags' });
    expect(findUnstorableText({ metadata: { 'k\u0000': 1 } })).toEqual({ field: 'metadata' });
    expect(findUnstorableText({ 'k\u0000': 1 })).toEqual({ field: null });
    expect(findUnstorableText('x\ud800')).toEqual({ field: null });
    expect(findUnstorableText({ a: [1, true, null, 'fine'] })).toBeNull();
    let deep: unknown = 'x\ud800';
    for (let i = 0; i < 50_000; i += 1) deep = [deep];
    expect(findUnstorableText({ deep })).toEqual({ field: 'deep' });
  });
});
