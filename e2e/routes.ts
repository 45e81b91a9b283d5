import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { e2eEnv } from './env';

/**
 * The routes of the production build, from `<distDir>/server/app-paths-manifest.json`
 * (keys like `/api/work-orders/[id]/route` and `/work-orders/page`). Generated from the build so
 * that a new route is covered by the security specs without anyone listing it.
 */
export function appPaths(): string[] {
  const file = path.resolve(process.cwd(), e2eEnv().distDir, 'server', 'app-paths-manifest.json');
  if (!existsSync(file)) throw new Error(`${file} is missing: was the app built with next build?`);
  return Object.keys(JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>);
}

/** API route patterns, e.g. `/api/work-orders/[id]`. */
export function apiRoutes(): string[] {
  return appPaths()
    .filter((p) => p.startsWith('/api/') && p.endsWith('/route'))
    .map((p) => p.slice(0, -'/route'.length))
    .sort();
}

/** Page route patterns, e.g. `/work-orders/[id]` (route groups like `(app)` removed). */
export function pageRoutes(): string[] {
  return (
    appPaths()
      .filter((p) => p.endsWith('/page'))
      .map((p) => stripGroups(p.slice(0, -'/page'.length)) || '/')
      // Next.js' own internal pages (/_not-found, /_global-error) are not routes of ours.
      .filter((p) => !p.startsWith('/_'))
      .sort()
  );
}

export function hasPage(pattern: string): boolean {
  return pageRoutes().includes(pattern);
}

function stripGroups(route: string): string {
  return route
    .split('/')
    .filter((s) => !/^\(.*\)$/.test(s) && !s.startsWith('@'))
    .join('/');
}

/** Fills each dynamic segment with a well-formed value: ids get a UUID, catch-alls two segments. */
export function concreteUrl(pattern: string, values: Record<string, string> = {}): string {
  return pattern.replace(/\[\[?(\.\.\.)?([^\]]+)\]?\]/g, (_, rest: string | undefined, name: string) => {
    if (values[name]) return values[name];
    if (rest) return 'a/b';
    if (/id$/i.test(name)) return '3f6c1d2e-8a4b-4c5d-9e7f-0a1b2c3d4e5f';
    return 'canary-probe';
  });
}
