import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTranslator } from 'next-intl';
import { describe, expect, it } from 'vitest';
import { ERROR_STATUS } from '@/lib/server/http/errors';
import { LOCALES } from '@/lib/shared/locales';
import { CATALOGUE, loadMessages } from './index';

/**
 * Guards the catalogue of every part of the app: each namespace file exists in all four
 * languages with exactly the same keys and placeholders, is registered in `messages/index.ts`,
 * and every message is valid ICU that formats in its language.
 */

const dir = path.dirname(fileURLToPath(import.meta.url));

function namespacesOnDisk(locale: string): string[] {
  return fs
    .readdirSync(path.join(dir, locale))
    .filter((file) => file.endsWith('.json'))
    .map((file) => file.replace(/\.json$/, ''))
    .sort();
}

/** A missing file reads as empty, so the tests below fail with the missing keys instead of crashing. */
function readNamespace(locale: string, namespace: string): Record<string, unknown> {
  const file = path.join(dir, locale, `${namespace}.json`);
  if (!fs.existsSync(file)) return {};
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
}

/** `{ a: { b: 'x' } }` → `{ 'a.b': 'x' }` */
function flatten(tree: Record<string, unknown>, prefix = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(tree)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) Object.assign(out, flatten(value as Record<string, unknown>, full));
    else out[full] = value;
  }
  return out;
}

/** Top-level ICU argument names of a message (`{count, plural, …}` → `count`). */
function argumentNames(message: string): string[] {
  const names = new Set<string>();
  let depth = 0;
  for (let i = 0; i < message.length; i++) {
    const char = message[i];
    if (char === "'" && (message[i + 1] === '{' || message[i + 1] === '}')) {
      const end = message.indexOf("'", i + 1);
      i = end === -1 ? message.length : end;
    } else if (char === '{') {
      if (depth === 0) {
        const match = /^\{\s*([A-Za-z_][\w]*)/.exec(message.slice(i));
        if (match) names.add(match[1]);
      }
      depth++;
    } else if (char === '}') {
      depth--;
    }
  }
  return [...names].sort();
}

const reference = LOCALES[0];
const namespaces = namespacesOnDisk(reference);

describe('message catalogue', () => {
  it.each(LOCALES)('%s has the same namespace files as en', (locale) => {
    expect(namespacesOnDisk(locale)).toEqual(namespaces);
  });

  it.each(LOCALES)('every namespace file of %s is registered in messages/index.ts', (locale) => {
    expect(Object.keys(CATALOGUE[locale]).sort()).toEqual(namespacesOnDisk(locale));
  });

  describe.each(namespaces)('namespace %s', (namespace) => {
    const flat = Object.fromEntries(LOCALES.map((locale) => [locale, flatten(readNamespace(locale, namespace))]));

    it.each(LOCALES)('%s has exactly the keys of en', (locale) => {
      expect(Object.keys(flat[locale]).sort()).toEqual(Object.keys(flat[reference]).sort());
    });

    it.each(LOCALES)('%s has only non-empty strings', (locale) => {
      for (const [key, value] of Object.entries(flat[locale])) {
        expect(typeof value === 'string' && value.trim().length > 0, `${locale}/${namespace}.json ${key}`).toBe(true);
      }
    });

    it.each(LOCALES)('%s uses the same placeholders as en', (locale) => {
      for (const [key, value] of Object.entries(flat[locale])) {
        const expected = flat[reference][key];
        if (typeof value !== 'string' || typeof expected !== 'string') continue;
        expect(argumentNames(value), `${locale}/${namespace}.json ${key}`).toEqual(argumentNames(expected));
      }
    });

    it.each(LOCALES)('every %s message is valid ICU and formats', async (locale) => {
      const messages = await loadMessages(locale).catch(() => ({ [namespace]: readNamespace(locale, namespace) }));
      const errors: string[] = [];
      const t = createTranslator({
        locale,
        messages,
        timeZone: 'UTC',
        onError: (error) => errors.push(error.message),
        getMessageFallback: ({ key }) => `!!${key}`,
      });
      for (const [key, value] of Object.entries(flat[locale])) {
        if (typeof value !== 'string') continue;
        const values = Object.fromEntries(argumentNames(value).map((name) => [name, 1]));
        const formatted = (t as unknown as (key: string, values: Record<string, number>) => string)(`${namespace}.${key}`, values);
        expect(formatted.startsWith('!!'), `${locale}/${namespace}.json ${key}`).toBe(false);
      }
      expect(errors).toEqual([]);
    });
  });
});

describe('errors namespace', () => {
  const codes = Object.keys(ERROR_STATUS);

  it.each(LOCALES)('%s has a message for every error code', (locale) => {
    const errors = readNamespace(locale, 'errors');
    const missing = codes.filter((code) => typeof errors[code] !== 'string' || (errors[code] as string).trim() === '');
    expect(missing).toEqual([]);
  });

  it.each(LOCALES)('%s has no message for a code that does not exist', (locale) => {
    const extra = Object.keys(readNamespace(locale, 'errors')).filter((key) => key !== 'fields' && !codes.includes(key));
    expect(extra).toEqual([]);
  });

  it.each(LOCALES)('%s has a fields object of field reasons', (locale) => {
    const fields = readNamespace(locale, 'errors').fields as Record<string, unknown>;
    expect(fields).toBeTypeOf('object');
    expect(Object.keys(fields)).toEqual(expect.arrayContaining(['required', 'invalid', 'too_long', 'invalid_type']));
  });
});
