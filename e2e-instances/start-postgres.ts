import path from 'node:path';

interface Postgres {
  databaseUrl: string;
  stop(): Promise<void>;
}

interface PostgresModule {
  findPostgresBin(): string | null;
  startPostgres(options: { binDir: string; logFile: string }): Promise<Postgres>;
}

/**
 * A throwaway PostgreSQL cluster on 127.0.0.1, from scripts/lib/postgres.mjs (the same one the
 * `postgres` step of `npm test` uses). That file is an ES module and Playwright compiles this
 * folder to CommonJS, which turns `import()` into `require()`: the import is written so the
 * compiler leaves it alone.
 */
export async function startPostgres(logFile: string): Promise<Postgres> {
  const load = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<PostgresModule>;
  const postgres = await load(path.resolve(__dirname, '..', 'scripts', 'lib', 'postgres.mjs'));
  const binDir = postgres.findPostgresBin();
  if (!binDir) throw new Error("no PostgreSQL server on this machine (Debian's postgresql package): the instances run needs one");
  return postgres.startPostgres({ binDir, logFile });
}
