// A second simulator + app pair for the end-to-end journey against a site that answers only
// what the API's documents name (`SIMULATOR_PROFILE=documented`). Started by the global setup
// next to the main pair; its coordinates go to a file of their own (workers are separate
// processes) and `e2e/documented-site.spec.ts` reads them.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { E2E_DIR } from './env';
import { freePort, startApp, startGuarded, waitForHttp, type Guarded } from './servers';

export const DOCUMENTED_SITE_FILE = path.join(E2E_DIR, 'documented-site.json');

export interface DocumentedSiteEnv {
  baseURL: string;
  apiUrl: string;
  simulatorAdminUrl: string;
  simulatorAdminToken: string;
  canary: string;
  demoPassword: string;
}

/** Few work orders: this pair only carries one journey, and the machine is shared. */
const WORK_ORDERS = 60;

export async function startDocumentedSite(options: {
  root: string;
  distDir: string;
  canary: string;
  demoPassword: string;
  /** The main pair's data directory: this app's database goes inside it (removed with it). */
  dataDir: string;
  servers: Guarded[];
}): Promise<DocumentedSiteEnv> {
  const { root, distDir, canary, demoPassword, servers } = options;
  const simulatorPort = await freePort();
  const appPort = await freePort();
  const simulatorUrl = `http://127.0.0.1:${simulatorPort}`;
  const apiUrl = `${simulatorUrl}/v0.2/`;
  const baseURL = `http://127.0.0.1:${appPort}`;
  const simulatorAdminToken = `sim-admin-${randomBytes(12).toString('hex')}`;
  const dataDir = path.join(options.dataDir, 'documented-site');
  mkdirSync(dataDir, { recursive: true });

  const simulator = startGuarded('npm', ['run', '--silent', 'simulator'], {
    cwd: root,
    logFile: path.join(E2E_DIR, 'documented-simulator.log'),
    maxSeconds: 3600,
    name: 'documented-simulator',
    env: {
      ...process.env,
      SIMULATOR_PORT: String(simulatorPort),
      SIMULATOR_HOST: '127.0.0.1',
      SIMULATOR_SEED: 'e2e-documented',
      SIMULATOR_WORK_ORDERS: String(WORK_ORDERS),
      SIMULATOR_PROFILE: 'documented',
      SIMULATOR_API_KEYS: canary,
      SIMULATOR_ADMIN_TOKEN: simulatorAdminToken,
    },
  });
  servers.push(simulator);
  await waitForHttp(`${apiUrl}task-groups/`, { headers: { Authorization: `Token ${canary}` }, timeoutMs: 90_000, exited: simulator.exited });

  await startApp({
    command: path.join(root, 'node_modules', '.bin', 'next'),
    args: ['start'],
    name: 'documented-app',
    logFile: path.join(E2E_DIR, 'documented-app.log'),
    root,
    port: appPort,
    distDir,
    dataDir,
    demoPassword,
    apiUrl,
    canary,
    // New work orders reach the search within seconds (the journey creates one).
    env: { INDEX_SYNC_INTERVAL_MS: '2000' },
    servers,
  });

  const env: DocumentedSiteEnv = { baseURL, apiUrl, simulatorAdminUrl: `${simulatorUrl}/__sim`, simulatorAdminToken, canary, demoPassword };
  writeFileSync(DOCUMENTED_SITE_FILE, JSON.stringify(env, null, 2));
  console.log(`[e2e] documented site: app ${baseURL} · simulator ${simulatorUrl} (profile documented, ${WORK_ORDERS} work orders)`);
  return env;
}

let cached: DocumentedSiteEnv | undefined;
export function documentedSiteEnv(): DocumentedSiteEnv {
  cached ??= JSON.parse(readFileSync(DOCUMENTED_SITE_FILE, 'utf8')) as DocumentedSiteEnv;
  return cached;
}
