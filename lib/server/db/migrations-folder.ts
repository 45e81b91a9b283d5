import path from 'node:path';

/**
 * Where the SQL migrations live at run time. Resolved from the working directory (the repo
 * root for `next start`, `next dev` and the tests) because bundled server code has no
 * reliable `__dirname`; `MIGRATIONS_DIR` overrides it for unusual layouts.
 */
export function migrationsFolder(): string {
  return process.env.MIGRATIONS_DIR || path.join(/*turbopackIgnore: true*/ process.cwd(), 'lib', 'server', 'db', 'migrations');
}
