import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';

// Runs in every integration worker before its test files: the simulator's coordinates, provided
// by test/harness/integration-setup.ts, become the environment the app code reads.
Object.assign(process.env, inject('integrationEnv'));

// Each worker process gets its own throwaway data directory (PGlite must not be opened twice).
if (!process.env.DATA_DIR) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'field-review-int-'));
  process.env.DATA_DIR = dataDir;
  process.once('exit', () => rmSync(dataDir, { recursive: true, force: true }));
}
