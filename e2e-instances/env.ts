import { readFileSync } from 'node:fs';
import path from 'node:path';

/** What e2e-instances/global-setup.ts started, shared with the spec through a file. */
export interface InstancesEnv {
  /** The two `next start` instances, same configuration, one database. */
  instances: { name: 'A' | 'B'; baseURL: string; pid: number; log: string }[];
  canary: string;
  apiUrl: string;
  simulatorAdminUrl: string;
  simulatorAdminToken: string;
  demoPassword: string;
  /** `INDEX_SYNC_INTERVAL_MS` of both instances. */
  syncIntervalMs: number;
  /** `SIGNIN_MAX_FAILURES_PER_ACCOUNT_AND_IP` of both instances. */
  maxFailuresPerAccountAndIp: number;
  dataDirs: string[];
  pids: number[];
}

export const INSTANCES_DIR = path.resolve(process.cwd(), 'test-results', 'e2e-instances');
export const INSTANCES_ENV_FILE = path.join(INSTANCES_DIR, 'env.json');

export function instancesEnv(): InstancesEnv {
  return JSON.parse(readFileSync(INSTANCES_ENV_FILE, 'utf8')) as InstancesEnv;
}
