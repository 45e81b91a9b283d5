import { readFileSync } from 'node:fs';
import path from 'node:path';

/** What the global setup started, shared with every spec through a file (workers are separate processes). */
export interface E2eEnv {
  baseURL: string;
  distDir: string;
  canary: string;
  simulatorUrl: string;
  /** e.g. http://127.0.0.1:4xxx/v0.2/ */
  apiUrl: string;
  simulatorAdminUrl: string;
  simulatorAdminToken: string;
  demoPassword: string;
  dataDir: string;
  logs: { app: string; simulator: string };
  pids: { app: number; simulator: number };
}

export const E2E_DIR = path.resolve(process.cwd(), 'test-results', 'e2e');
export const E2E_ENV_FILE = path.join(E2E_DIR, 'env.json');

let cached: E2eEnv | undefined;
export function e2eEnv(): E2eEnv {
  cached ??= JSON.parse(readFileSync(E2E_ENV_FILE, 'utf8')) as E2eEnv;
  return cached;
}
