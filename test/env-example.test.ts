import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findEnvVars } from '../scripts/lib/env-vars.mjs';

// Every environment variable the code reads is documented in .env.example and in the README's
// configuration table, so an operator never has to read the source to configure Field Review.
const root = path.resolve(__dirname, '..');
const found = findEnvVars(root) as Map<string, Set<string>>;

describe('configuration documentation', () => {
  it('finds the variables the code reads', () => {
    expect(found.has('DEEPOMATIC_API_KEY')).toBe(true);
    expect(found.has('DATABASE_URL')).toBe(true);
  });

  it('documents every variable in .env.example', () => {
    const example = readFileSync(path.join(root, '.env.example'), 'utf8');
    const documented = new Set([...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]));
    const missing = [...found.keys()].filter((name) => !documented.has(name)).map((name) => `${name} (read in ${[...found.get(name)!].join(', ')})`);
    expect(missing).toEqual([]);
  });

  it('documents every variable in the README', () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    const missing = [...found.keys()].filter((name) => !readme.includes(`\`${name}\``));
    expect(missing).toEqual([]);
  });

  it('puts no real secret in .env.example', () => {
    const example = readFileSync(path.join(root, '.env.example'), 'utf8');
    for (const [, name, value] of example.matchAll(/^([A-Z][A-Z0-9_]*(?:KEY|SECRET|PASSWORD|TOKEN))=(.*)$/gm)) {
      expect(value.trim(), name).toBe('');
    }
  });
});
