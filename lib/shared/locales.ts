/**
 * The languages of the user interface — the four the Deepomatic API answers its conformity
 * messages in, so the whole page (ours and upstream text) speaks one language.
 */
export const LOCALES = ['en', 'fr', 'de', 'es'] as const;

export type Locale = (typeof LOCALES)[number];

export const DEFAULT_LOCALE: Locale = 'en';

/** Cookie that holds the user's explicit choice (read on the server, set by the switcher). */
export const LOCALE_COOKIE = 'NEXT_LOCALE';

/** Each language's name in its own language, for the switcher. */
export const LOCALE_NAMES: Record<Locale, string> = {
  en: 'English',
  fr: 'Français',
  de: 'Deutsch',
  es: 'Español',
};

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/**
 * Picks the best supported locale from an `Accept-Language` header (RFC 9110 §12.5.4):
 * highest q first, ties in header order, `fr-CA` matches `fr`, `q=0` means "not this one".
 * Returns null when nothing matches so the caller decides the fallback.
 */
export function matchAcceptLanguage(header: string | null | undefined): Locale | null {
  if (!header) return null;
  const ranges = header
    // A hostile header must not cost much: only the first few ranges matter in practice.
    .slice(0, 512)
    .split(',')
    .slice(0, 32)
    .map((part, index) => {
      const [range, ...params] = part.trim().split(';');
      let quality = 1;
      for (const param of params) {
        const [name, value] = param.trim().split('=');
        if (name?.trim().toLowerCase() === 'q') {
          const parsed = Number(value);
          quality = Number.isFinite(parsed) && parsed >= 0 && parsed <= 1 ? parsed : 0;
        }
      }
      return { language: (range ?? '').trim().toLowerCase().split('-')[0], quality, index };
    })
    .filter((r) => r.quality > 0 && r.language)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);

  for (const { language } of ranges) {
    if (language === '*') return DEFAULT_LOCALE;
    if (isLocale(language)) return language;
  }
  return null;
}

/** The request's locale: the explicit cookie choice, else the browser's languages, else English. */
export function negotiateLocale(cookieValue: string | null | undefined, acceptLanguage: string | null | undefined): Locale {
  if (isLocale(cookieValue)) return cookieValue;
  return matchAcceptLanguage(acceptLanguage) ?? DEFAULT_LOCALE;
}
