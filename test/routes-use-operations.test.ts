import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { isOperation } from '@/lib/server/dal/operation';

// Route handlers and server-rendered pages reach data only through DAL operations (which
// authorize first), so none of them can forget the role check. This reads their sources:
// a file that imports the database, the upstream client, the index, `requireRole`, the
// session or a DAL function that is not an operation fails here.

vi.setConfig({ testTimeout: 60_000 });
// Only the modules' exports are looked at: no session is ever read here.
vi.mock('@/lib/server/dal/authorize', () => ({ requireRole: async () => undefined, requireUser: async () => undefined }));

const ROOT = path.resolve(__dirname, '..');
const APP = path.join(ROOT, 'app');

/** Server code an app file may use without going through an operation: plumbing, settings, UI. */
const PLUMBING = [/^@\/lib\/server\/http\//, /^@\/lib\/server\/logger$/, /^@\/lib\/server\/auth\/config$/];

/**
 * The routes that no signed-in user calls, each with what it may use instead and why.
 * Everything else goes through operations.
 */
const EXCEPTIONS: Record<string, { imports: RegExp[]; why: string }> = {
  'app/api/auth/[...nextauth]/route.ts': {
    imports: [/^next-auth$/, /^@\/lib\/server\/auth\/(options|session-response|throttle-response)$/],
    why: 'next-auth itself: sign-in, sign-out and the session',
  },
  'app/api/health/route.ts': {
    imports: [/^@\/lib\/server\/health$/],
    why: 'the public health check of load balancers: no user, no user data',
  },
  'app/api/health/ready/route.ts': {
    imports: [/^@\/lib\/server\/readiness$/],
    why: 'the public readiness check of load balancers: no user, no user data',
  },
  'app/api/metrics/route.ts': {
    imports: [/^@\/lib\/server\/metrics\/scrape$/],
    why: 'scraped by Prometheus with METRICS_TOKEN, not by a signed-in user; counts only, no user data',
  },
  'app/api/callbacks/analysis/[analysisId]/route.ts': {
    imports: [/^@\/lib\/server\/dal\/analysis$/],
    why: 'called by the upstream, authenticated by the HMAC signature of its URL, not by a session',
  },
};

interface ImportLine {
  from: string;
  /** Value (not type-only) names, as exported by the module. */
  names: string[];
  /** `import x from` / `import * as x from`: the whole module. */
  whole: boolean;
}

/** The value imports of a TypeScript source (type-only imports reach no data). */
function valueImports(source: string): ImportLine[] {
  const lines: ImportLine[] = [];
  for (const match of source.matchAll(/^import\s+(type\s+)?([\s\S]*?)\s+from\s+'([^']+)';/gm)) {
    if (match[1]) continue;
    const clause = match[2].trim();
    const named = /\{([\s\S]*)\}/.exec(clause);
    const names = (named?.[1] ?? '')
      .split(',')
      .map((part) => part.trim())
      .filter((part) => part && !part.startsWith('type '))
      .map((part) => part.split(/\s+as\s+/)[0].trim());
    const whole =
      clause
        .replace(/\{[\s\S]*\}/, '')
        .replace(/,/g, '')
        .trim() !== '';
    lines.push({ from: match[3], names, whole });
  }
  return lines;
}

/** What is wrong with one app file's way to data; [] when it only uses operations. */
async function dataAccessProblems(file: string, source: string): Promise<string[]> {
  const problems: string[] = [];
  const exception = EXCEPTIONS[file];
  for (const line of valueImports(source)) {
    if (exception?.imports.some((pattern) => pattern.test(line.from))) continue;
    const dal = /^@\/lib\/server\/dal\/(.+)$/.exec(line.from);
    if (dal) {
      if (line.whole) problems.push(`imports the whole of ${line.from}`);
      const exports = (await import(/* @vite-ignore */ path.join(ROOT, 'lib/server/dal', `${dal[1]}.ts`))) as Record<string, unknown>;
      for (const name of line.names) {
        // A constant (a size cap) reaches no data; a function must be an operation.
        if (typeof exports[name] === 'function' && !isOperation(exports[name]))
          problems.push(`calls ${name} from ${line.from}, which is not an operation`);
      }
      continue;
    }
    if (line.from.startsWith('@/lib/server/') && !PLUMBING.some((pattern) => pattern.test(line.from))) problems.push(`imports ${line.from}`);
    if (line.from === 'next-auth' || line.from.startsWith('next-auth/')) problems.push(`reads the session through ${line.from}`);
  }
  if (/\b(requireRole|requireUser|getServerSession)\b/.test(source)) problems.push('checks the session itself instead of through an operation');
  if (file.endsWith('/route.ts') && !/^export const \{ GET, POST, PUT, PATCH, DELETE \} = routeMethods\(/m.test(source)) {
    problems.push('does not answer every method through routeMethods()');
  }
  return problems;
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

/** Route handlers, and every server component file (pages, layouts, not-found, forbidden…). */
function appFiles(): string[] {
  return walk(APP)
    .filter((file) => /\.(ts|tsx)$/.test(file) && !/\.test\.tsx?$/.test(file))
    .filter((file) => !/^\s*['"]use client['"]/.test(readFileSync(file, 'utf8')))
    .map((file) => path.relative(ROOT, file).split(path.sep).join('/'));
}

describe('routes and pages reach data only through DAL operations', () => {
  it('holds for every route handler and server-rendered file of app/', async () => {
    const files = appFiles();
    expect(files.filter((file) => file.endsWith('/route.ts')).length).toBeGreaterThan(20);
    expect(files).toEqual(expect.arrayContaining(['app/admin/page.tsx', 'app/admin/layout.tsx', 'app/not-found.tsx', 'app/(signed-in)/layout.tsx']));
    const problems: string[] = [];
    for (const file of files) {
      for (const problem of await dataAccessProblems(file, readFileSync(path.join(ROOT, file), 'utf8'))) problems.push(`${file}: ${problem}`);
    }
    expect(problems).toEqual([]);
  });

  it('catches a route or a page that forgot', async () => {
    const route = (body: string) => `${body}\nexport const { GET, POST, PUT, PATCH, DELETE } = routeMethods({ GET: handler(x) });\n`;
    expect(await dataAccessProblems('app/api/x/route.ts', route("import { requireRole } from '@/lib/server/dal/authorize';"))).not.toEqual([]);
    expect(await dataAccessProblems('app/api/x/route.ts', route("import { getDb } from '@/lib/server/db/client';"))).not.toEqual([]);
    expect(await dataAccessProblems('app/api/x/route.ts', route("import { deepomatic } from '@/lib/server/deepomatic';"))).not.toEqual([]);
    expect(await dataAccessProblems('app/api/x/route.ts', route("import { runSearch } from '@/lib/server/dal/work-order-search';"))).toEqual([
      'calls runSearch from @/lib/server/dal/work-order-search, which is not an operation',
    ]);
    expect(
      await dataAccessProblems('app/api/x/route.ts', "import { getUser } from '@/lib/server/dal/users';\nexport const GET = handler(x);\n"),
    ).toEqual(['does not answer every method through routeMethods()']);
    expect(await dataAccessProblems('app/x/page.tsx', "import { getServerSession } from 'next-auth';")).not.toEqual([]);
    expect(
      await dataAccessProblems(
        'app/x/page.tsx',
        "import { getUser } from '@/lib/server/dal/users';\nimport type { Db } from '@/lib/server/db/client';",
      ),
    ).toEqual([]);
  });
});
