import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, startApp, startGuarded, waitForHttp, type Guarded } from '../e2e/servers';
import { INSTANCES_DIR, INSTANCES_ENV_FILE, type InstancesEnv } from './env';
import { startPostgres } from './start-postgres';

const root = path.resolve(__dirname, '..');

declare global {
  var __fieldReviewInstances: { servers: Guarded[]; dataDirs: string[]; stopPostgres: () => Promise<void> } | undefined;
}

/** Short, so that the take-over after an instance stops is seen within seconds. */
const SYNC_INTERVAL_MS = 1_000;
const MAX_FAILURES_PER_ACCOUNT_AND_IP = 3;

/**
 * A scaled-out deployment on one machine: a throwaway PostgreSQL cluster, the simulator, and two
 * `next start` instances of the production build with the same configuration (database, session
 * secret, upstream URL and key), each with its own data folder, as two containers would have.
 * Everything listens on 127.0.0.1; the teardown stops it all.
 */
export default async function globalSetup() {
  rmSync(INSTANCES_DIR, { recursive: true, force: true });
  mkdirSync(INSTANCES_DIR, { recursive: true });
  const distDir = process.env.NEXT_DIST_DIR || '.next-e2e';
  if (!existsSync(path.join(root, distDir, 'BUILD_ID'))) {
    throw new Error(`no production build in ${distDir}: run \`node scripts/test.mjs --only packages,build\` first`);
  }
  const canary = process.env.E2E_CANARY_KEY || `canary-${randomBytes(16).toString('hex')}`;
  const demoPassword = process.env.DEMO_PASSWORD || 'field-review-demo';
  const servers: Guarded[] = [];
  const dataDirs: string[] = [];
  const postgres = await startPostgres(path.join(INSTANCES_DIR, 'postgres.log'));
  globalThis.__fieldReviewInstances = { servers, dataDirs, stopPostgres: () => postgres.stop() };

  const simulatorPort = await freePort();
  const simulatorUrl = `http://127.0.0.1:${simulatorPort}`;
  const apiUrl = `${simulatorUrl}/v0.2/`;
  const simulatorAdminToken = `sim-admin-${randomBytes(12).toString('hex')}`;
  const simulator = startGuarded('npm', ['run', '--silent', 'simulator'], {
    cwd: root,
    logFile: path.join(INSTANCES_DIR, 'simulator.log'),
    maxSeconds: 1800,
    name: 'simulator',
    env: {
      ...process.env,
      SIMULATOR_PORT: String(simulatorPort),
      SIMULATOR_HOST: '127.0.0.1',
      SIMULATOR_SEED: 'e2e-instances',
      SIMULATOR_WORK_ORDERS: '60',
      SIMULATOR_API_KEYS: canary,
      SIMULATOR_ADMIN_TOKEN: simulatorAdminToken,
    },
  });
  servers.push(simulator);
  await waitForHttp(`${apiUrl}task-groups/`, { headers: { Authorization: `Token ${canary}` }, timeoutMs: 90_000, exited: simulator.exited });

  // What a deployment gives every instance alike.
  const shared = {
    DATABASE_URL: postgres.databaseUrl,
    NEXTAUTH_SECRET: randomBytes(32).toString('hex'),
    ANALYSIS_CALLBACK_SECRET: randomBytes(32).toString('hex'),
    INDEX_SYNC_INTERVAL_MS: String(SYNC_INTERVAL_MS),
    SIGNIN_MAX_FAILURES_PER_ACCOUNT_AND_IP: String(MAX_FAILURES_PER_ACCOUNT_AND_IP),
  };
  // Both at once, as an orchestrator starts them: migrations, seeding and the first sync race.
  const names = ['A', 'B'] as const;
  const instances = await Promise.all(
    names.map(async (name) => {
      const port = await freePort();
      const dataDir = mkdtempSync(path.join(tmpdir(), `field-review-instance-${name}-`));
      dataDirs.push(dataDir);
      const log = path.join(INSTANCES_DIR, `app-${name}.log`);
      const app = await startApp({
        command: 'npm',
        args: ['start', '--silent', '--'],
        name: `app-${name}`,
        logFile: log,
        root,
        port,
        distDir,
        dataDir,
        demoPassword,
        apiUrl,
        canary,
        env: shared,
        servers,
      });
      return { name, baseURL: `http://127.0.0.1:${port}`, pid: app.pid, log };
    }),
  );

  const env: InstancesEnv = {
    instances,
    canary,
    apiUrl,
    simulatorAdminUrl: `${simulatorUrl}/__sim`,
    simulatorAdminToken,
    demoPassword,
    syncIntervalMs: SYNC_INTERVAL_MS,
    maxFailuresPerAccountAndIp: MAX_FAILURES_PER_ACCOUNT_AND_IP,
    dataDirs,
    pids: servers.map((server) => server.pid),
  };
  writeFileSync(INSTANCES_ENV_FILE, JSON.stringify(env, null, 2));
  console.log(`[e2e-instances] A ${instances[0].baseURL} · B ${instances[1].baseURL} · simulator ${simulatorUrl} · ${postgres.databaseUrl}`);
}
