import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));
const alias = { '@': root, 'server-only': fileURLToPath(new URL('./test/fakes/server-only.ts', import.meta.url)) };
const ignored = ['**/node_modules/**', 'e2e/**', '.next*/**', '.data/**', 'test-results/**'];

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        // Pure and in-process tests next to the code: `*.test.ts(x)`.
        resolve: { alias },
        test: {
          name: 'unit',
          environment: 'node',
          include: ['**/*.test.ts', '**/*.test.tsx'],
          exclude: [...ignored, '**/*.int.test.ts', '**/*.pg.test.ts'],
          // A hook that creates an in-memory database (PGlite + every migration) takes seconds,
          // more on a loaded 2-core CI machine than the default 10 s allows.
          hookTimeout: 60_000,
        },
      },
      {
        // Route handlers and the DAL against a running simulator: `*.int.test.ts`.
        resolve: { alias },
        test: {
          name: 'integration',
          environment: 'node',
          include: ['**/*.int.test.ts'],
          exclude: ignored,
          globalSetup: ['./test/harness/integration-setup.ts'],
          setupFiles: ['./test/harness/integration-env.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        // The same integration files against a simulator that answers only what the API's
        // documents name (`profile: 'documented'`): proves the app relies on nothing else.
        resolve: { alias },
        test: {
          name: 'integration-documented',
          environment: 'node',
          include: ['**/*.int.test.ts'],
          exclude: ignored,
          globalSetup: ['./test/harness/integration-setup-documented.ts'],
          setupFiles: ['./test/harness/integration-env.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        // The database layer against a real PostgreSQL server (DATABASE_URL): `*.pg.test.ts`.
        // Run by scripts/test.mjs with a throwaway cluster; one file at a time (one database).
        resolve: { alias },
        test: {
          name: 'postgres',
          environment: 'node',
          include: ['**/*.pg.test.ts'],
          exclude: ignored,
          fileParallelism: false,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
