import { describe, expect, it } from 'vitest';
import { matchAcceptLanguage, negotiateLocale } from './locales';

describe('negotiateLocale', () => {
  it('prefers a valid cookie over Accept-Language', () => {
    expect(negotiateLocale('de', 'fr-FR,fr;q=0.9')).toBe('de');
  });

  it('ignores an unsupported or malformed cookie', () => {
    expect(negotiateLocale('it', 'es')).toBe('es');
    expect(negotiateLocale('EN', 'fr')).toBe('fr');
    expect(negotiateLocale('__proto__', null)).toBe('en');
  });

  it('falls back to English', () => {
    expect(negotiateLocale(undefined, undefined)).toBe('en');
    expect(negotiateLocale(null, 'ja-JP,zh;q=0.8')).toBe('en');
  });
});

describe('matchAcceptLanguage', () => {
  it.each([
    ['fr-CA,fr;q=0.9,en;q=0.8', 'fr'],
    ['en-US,en;q=0.9', 'en'],
    ['ja,de;q=0.5', 'de'],
    ['it;q=1, es;q=0.4, de;q=0.7', 'de'],
    ['de;q=0.5, fr;q=0.5', 'de'],
    ['fr;q=0, es', 'es'],
    ['DE-at', 'de'],
    ['*', 'en'],
    ['es;q=abc, fr;q=0.1', 'fr'],
    ['es;q=2, fr;q=0.1', 'fr'],
  ])('%s → %s', (header, expected) => {
    expect(matchAcceptLanguage(header)).toBe(expected);
  });

  it('returns null when nothing matches', () => {
    expect(matchAcceptLanguage('ja, zh;q=0.9')).toBeNull();
    expect(matchAcceptLanguage('')).toBeNull();
    expect(matchAcceptLanguage(',,,;;;')).toBeNull();
  });

  it('stays bounded on a huge header', () => {
    const header = `${'xx;q=0.9,'.repeat(10_000)}fr`;
    expect(matchAcceptLanguage(header)).toBeNull();
  });
});
