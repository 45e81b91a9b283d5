import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// `<html data-hydrated>` says the page answers (the end-to-end tests wait for it before acting).
// A page hydrates inside its loading state, after the shell, so only the page itself can set it:
// a page or error page that does not would leave its tests waiting, or acting too early.
const root = path.resolve(__dirname, '..');

/** Rendered where Next.js shows a route's content: pages and their error, not-found and forbidden pages. */
const PAGE_FILES = /^(page|error|not-found|forbidden)\.tsx$/;
/** Files that render nothing of their own: the home page only redirects. */
const EXEMPT = new Set([path.join('app', 'page.tsx')]);

function pageFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'api' ? [] : pageFiles(relative);
    return PAGE_FILES.test(entry.name) && !EXEMPT.has(relative) ? [relative] : [];
  });
}

describe('the hydration mark', () => {
  it('is set by every page and error page with its own content, not by the shell', () => {
    const files = pageFiles('app');
    expect(files.length).toBeGreaterThan(15);
    const unmarked = files.filter((file) => !/<PageReady \/>|useHydrationMark\(\)/.test(readFileSync(path.join(root, file), 'utf8')));
    expect(unmarked).toEqual([]);
    expect(readFileSync(path.join(root, 'components', 'layout', 'Providers.tsx'), 'utf8')).not.toMatch(/useHydrationMark|PageReady/);
  });

  it('is set on every path of a page that can answer in more than one way', () => {
    // Each `return` of JSX in a page file renders the mark (a refused query, a forbidden role…);
    // an error page calls the hook itself, which covers all of its answers.
    const missing = pageFiles('app').flatMap((file) => {
      const source = readFileSync(path.join(root, file), 'utf8');
      if (/useHydrationMark\(\)/.test(source)) return [];
      const body = source.slice(source.indexOf('export default'));
      const returns = body.split(/\n\s*return\b/).slice(1);
      return returns
        .map((chunk) => chunk.split(/\n\s*(?:return\b|}\n\n|}\s*$)/)[0])
        .filter((chunk) => chunk.trimStart().startsWith('(') || chunk.trimStart().startsWith('<'))
        .filter((chunk) => !/<PageReady \/>|\bmessage\b/.test(chunk))
        .map(() => file);
    });
    expect(missing).toEqual([]);
  });
});
