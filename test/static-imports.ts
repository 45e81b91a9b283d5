import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const EXTENSIONS = ['.ts', '.tsx', '/index.ts', '/index.tsx'];
/** `import … from '…'`, `export … from '…'` and `import '…'`, not `import type` nor `import()`. */
const STATIC_IMPORT = /^\s*(?:import(?!\s+type\b)[^'"()]*?from\s*|export(?!\s+type\b)[^'"()]*?from\s*|import\s*)['"]([^'"]+)['"]/gm;

function resolveLocal(from: string, specifier: string): string | null {
  const base = specifier.startsWith('@/') ? path.join(root, specifier.slice(2)) : path.resolve(path.dirname(from), specifier);
  for (const candidate of [base, ...EXTENSIONS.map((extension) => base + extension)]) {
    if (existsSync(candidate) && /\.tsx?$/.test(candidate)) return candidate;
  }
  return null;
}

/**
 * What a module pulls in through static imports, transitively: the repository's files (relative
 * to the root) and the packages (as imported, e.g. `@mui/x-charts/BarChart`). Dynamic `import()`
 * and type-only imports are not followed: they are not part of the module's own chunk.
 */
export function staticImports(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    const relative = path.relative(root, file);
    if (files.has(relative)) return;
    files.add(relative);
    for (const [, specifier] of readFileSync(file, 'utf8').matchAll(STATIC_IMPORT)) {
      if (specifier.startsWith('.') || specifier.startsWith('@/')) {
        const resolved = resolveLocal(file, specifier);
        if (resolved) visit(resolved);
      } else packages.add(specifier);
    }
  };
  visit(path.join(root, entry));
  return { files, packages };
}
