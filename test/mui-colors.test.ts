import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// MUI 9's Typography takes a palette key (`textSecondary`, `error`…) as its `color`; the older
// path form (`text.secondary`) is accepted by its types and silently ignored, so secondary text
// was drawn in the primary colour everywhere it was used.
const root = path.resolve(__dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(relative);
    return entry.name.endsWith('.tsx') ? [relative] : [];
  });
}

describe('Typography colours', () => {
  it('are palette keys MUI applies, never the ignored `text.*` path form', () => {
    const ignored = ['components', 'app'].flatMap(sources).flatMap((file) =>
      readFileSync(path.join(root, file), 'utf8')
        .split('\n')
        .flatMap((line, index) => (/\bcolor=["']text\./.test(line) ? [`${file}:${index + 1}`] : [])),
    );
    expect(ignored).toEqual([]);
  });
});
