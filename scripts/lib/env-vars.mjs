// Finds every environment variable the app, simulator, demo and test machinery read, so that
// test/env-example.test.ts can check each one is documented in .env.example (and the README).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

// Benchmarks (bench/) are left out: their BENCH_* knobs are developer tools, listed in the README.
const ROOTS = [
  'app',
  'components',
  'lib',
  'i18n',
  'messages',
  'simulator',
  'scripts',
  'e2e',
  'proxy.ts',
  'instrumentation.ts',
  'next.config.js',
  'playwright.config.ts',
  'drizzle.config.ts',
];
const SKIP_DIRS = new Set(['node_modules', 'migrations']);
// process.env.X, process.env['X'], env.X (a local alias of process.env) and helpers such as
// env('X') or intFromEnv('X', …).
const PATTERN =
  /process\.env\.([A-Z][A-Z0-9_]+)|process\.env\[['"]([A-Z][A-Z0-9_]+)['"]\]|\b\w*[eE]nv\(\s*['"]([A-Z][A-Z0-9_]{2,})['"]|\benv\.([A-Z][A-Z0-9_]{2,})\b/g;
/** Set by the platform or the tools themselves, not configuration of ours. */
export const PLATFORM_VARS = new Set(['NODE_ENV', 'NEXT_RUNTIME', 'CI', 'HOME', 'PATH', 'VITEST']);

function* sourceFiles(root, entry) {
  const full = path.join(root, entry);
  if (!existsSync(full)) return;
  if (statSync(full).isFile()) {
    yield full;
    return;
  }
  for (const name of readdirSync(full)) {
    if (SKIP_DIRS.has(name)) continue;
    const child = path.join(full, name);
    if (statSync(child).isDirectory()) yield* sourceFiles(root, path.relative(root, child));
    else if (/\.(ts|tsx|mjs|js)$/.test(name) && !/\.test\.tsx?$/.test(name)) yield child;
  }
}

/** Map of variable name → files that read it (relative paths). */
export function findEnvVars(root) {
  const found = new Map();
  for (const entry of ROOTS) {
    for (const file of sourceFiles(root, entry)) {
      for (const match of readFileSync(file, 'utf8').matchAll(PATTERN)) {
        const name = match[1] ?? match[2] ?? match[3] ?? match[4];
        if (PLATFORM_VARS.has(name)) continue;
        if (!found.has(name)) found.set(name, new Set());
        found.get(name).add(path.relative(root, file));
      }
    }
  }
  return found;
}
