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
  logs: { app: string; simulator: string; oidcIssuer: string };
  pids: { app: number; simulator: number; oidcIssuer: number };
  /** The test OIDC issuer (test/fakes/oidc-issuer-server.ts) the app offers as company SSO. */
  oidc: E2eOidc;
}

export interface E2eOidc {
  /** `OIDC_ISSUER` of the app, e.g. http://127.0.0.1:4xxx */
  issuer: string;
  clientId: string;
  /** Only for the teardown, which checks that no log shows it. */
  clientSecret: string;
  /** `OIDC_NAME`: the label of the SSO button. */
  name: string;
  /** `OIDC_AUTO_PROVISION` of the app. */
  autoProvision: boolean;
}

export const E2E_DIR = path.resolve(process.cwd(), 'test-results', 'e2e');
export const E2E_ENV_FILE = path.join(E2E_DIR, 'env.json');

let cached: E2eEnv | undefined;
export function e2eEnv(): E2eEnv {
  cached ??= JSON.parse(readFileSync(E2E_ENV_FILE, 'utf8')) as E2eEnv;
  return cached;
}
