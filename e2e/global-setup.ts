import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startDocumentedSite } from './documented-site';
import { E2E_DIR, E2E_ENV_FILE, type E2eEnv, type E2eOidc } from './env';
import { freePort, run, startApp, startGuarded, waitForHttp, type Guarded } from './servers';

const root = path.resolve(__dirname, '..');
const bin = (name: string) => path.join(root, 'node_modules', '.bin', name);

declare global {
  var __fieldReviewE2e: { servers: Guarded[]; dataDir: string } | undefined;
}

/**
 * Starts the simulator (its own process, seeded, 300 work orders, canary key), a test OpenID
 * Connect issuer (test/fakes/oidc-issuer-server.ts) and the production build of the app (`next start`)
 * against both, all on 127.0.0.1 with their output in files that the teardown scans for leaked
 * secrets.
 */
export default async function globalSetup() {
  rmSync(E2E_DIR, { recursive: true, force: true });
  mkdirSync(E2E_DIR, { recursive: true });
  const distDir = process.env.NEXT_DIST_DIR || '.next-e2e';
  const canary = process.env.E2E_CANARY_KEY || `canary-${randomBytes(16).toString('hex')}`;

  if (!existsSync(path.join(root, distDir, 'BUILD_ID'))) {
    console.log(`[e2e] no production build in ${distDir}: building it (next build)…`);
    const code = await run(bin('next'), ['build'], {
      ...process.env,
      NODE_ENV: 'production',
      NEXT_DIST_DIR: distDir,
      NEXT_TELEMETRY_DISABLED: '1',
      DEEPOMATIC_API_KEY: canary,
    });
    if (code !== 0) throw new Error(`next build failed (exit ${code})`);
  }

  const simulatorPort = await freePort();
  const appPort = await freePort();
  const simulatorUrl = `http://127.0.0.1:${simulatorPort}`;
  const apiUrl = `${simulatorUrl}/v0.2/`;
  const simulatorAdminToken = `sim-admin-${randomBytes(12).toString('hex')}`;
  const baseURL = `http://127.0.0.1:${appPort}`;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'field-review-e2e-'));
  const demoPassword = process.env.DEMO_PASSWORD || 'field-review-demo';
  const logs = {
    app: path.join(E2E_DIR, 'app.log'),
    simulator: path.join(E2E_DIR, 'simulator.log'),
    oidcIssuer: path.join(E2E_DIR, 'oidc-issuer.log'),
  };

  const servers: Guarded[] = [];
  globalThis.__fieldReviewE2e = { servers, dataDir };

  const simulator = startGuarded('npm', ['run', '--silent', 'simulator'], {
    cwd: root,
    logFile: logs.simulator,
    maxSeconds: 3600,
    name: 'simulator',
    env: {
      ...process.env,
      SIMULATOR_PORT: String(simulatorPort),
      SIMULATOR_HOST: '127.0.0.1',
      SIMULATOR_SEED: 'e2e',
      SIMULATOR_WORK_ORDERS: '300',
      SIMULATOR_API_KEYS: canary,
      SIMULATOR_ADMIN_TOKEN: simulatorAdminToken,
    },
  });
  servers.push(simulator);
  await waitForHttp(`${apiUrl}task-groups/`, { headers: { Authorization: `Token ${canary}` }, timeoutMs: 90_000, exited: simulator.exited });

  // The company SSO of the app: a real OpenID Connect issuer in its own process (tsx: oidc-provider
  // is ESM-only), which logs in without a form as the person each test describes in `login_hint`.
  const oidcPort = await freePort();
  const oidc: E2eOidc = {
    issuer: `http://127.0.0.1:${oidcPort}`,
    clientId: 'field-review-e2e',
    clientSecret: `oidc-secret-${randomBytes(16).toString('hex')}`,
    name: 'Acme SSO',
    autoProvision: true,
  };
  const oidcIssuer = startGuarded(bin('tsx'), [path.join(root, 'test', 'fakes', 'oidc-issuer-server.ts')], {
    cwd: root,
    logFile: logs.oidcIssuer,
    maxSeconds: 3600,
    name: 'oidc-issuer',
    env: {
      ...process.env,
      OIDC_TEST_PORT: String(oidcPort),
      OIDC_TEST_REDIRECT_URIS: `${baseURL}/api/auth/callback/oidc`,
      OIDC_TEST_CLIENT_ID: oidc.clientId,
      OIDC_TEST_CLIENT_SECRET: oidc.clientSecret,
    },
  });
  servers.push(oidcIssuer);
  await waitForHttp(`${oidc.issuer}/.well-known/openid-configuration`, { timeoutMs: 60_000, exited: oidcIssuer.exited });

  // `npm start`, exactly as a deployment runs it (with its keep-alive setting).
  const app = await startApp({
    command: 'npm',
    args: ['start', '--silent', '--'],
    name: 'app',
    logFile: logs.app,
    root,
    port: appPort,
    distDir,
    dataDir,
    demoPassword,
    apiUrl,
    canary,
    env: {
      OIDC_ISSUER: oidc.issuer,
      OIDC_CLIENT_ID: oidc.clientId,
      OIDC_CLIENT_SECRET: oidc.clientSecret,
      OIDC_NAME: oidc.name,
      OIDC_AUTO_PROVISION: String(oidc.autoProvision),
      // The role fixtures reuse the sign-ins the setup project made at the start of the run, and
      // a run repeating specs (--repeat-each) lasts longer than the default 30 idle minutes.
      SESSION_IDLE_MINUTES: '240',
      // e2e/webhooks.spec.ts delivers to a receiver of its own on 127.0.0.1.
      WEBHOOKS_ALLOW_LOOPBACK: 'true',
    },
    servers,
  });
  // The second pair, for e2e/documented-site.spec.ts: a site that answers only what the API documents.
  await startDocumentedSite({ root, distDir, canary, demoPassword, dataDir, servers });

  const env: E2eEnv = {
    baseURL,
    distDir,
    canary,
    simulatorUrl,
    apiUrl,
    simulatorAdminUrl: `${simulatorUrl}/__sim`,
    simulatorAdminToken,
    demoPassword,
    dataDir,
    logs,
    pids: { app: app.pid, simulator: simulator.pid, oidcIssuer: oidcIssuer.pid },
    oidc,
  };
  writeFileSync(E2E_ENV_FILE, JSON.stringify(env, null, 2));
  process.env.E2E_BASE_URL = baseURL;
  console.log(`[e2e] app ${baseURL} · simulator ${simulatorUrl} · OIDC issuer ${oidc.issuer} · data ${dataDir}`);
}
