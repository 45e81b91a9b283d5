#!/usr/bin/env node
// `npm run demo`: the simulator (seeded Deepomatic v0.2 site) + Field Review on
// http://localhost:3000, with demo users, in one command. Ctrl-C stops both.
//
// Environment (all optional): PORT (3000), HOST (127.0.0.1), DATA_DIR (.data/demo),
// DEMO_FRESH=1 (wipe the data dir first), DEMO_DEV=1 (next dev instead of a production build),
// DEMO_PASSWORD (field-review-demo), SIMULATOR_PORT (4010), SIMULATOR_WORK_ORDERS (2000),
// SIMULATOR_SEED (demo). With DEEPOMATIC_API_URL and DEEPOMATIC_API_KEY set, no simulator is
// started and the app talks to that site instead.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, run, startGuarded, waitForHttp } from './lib/procs.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

const dev = process.env.DEMO_DEV === '1';
const port = Number(process.env.PORT || 3000);
const host = process.env.HOST || '127.0.0.1';
const appUrl = process.env.APP_URL || `http://localhost:${port}`;
const dataDir = path.resolve(process.env.DATA_DIR || path.join('.data', 'demo'));
const distDir = process.env.NEXT_DIST_DIR || '.next';
const demoPassword = process.env.DEMO_PASSWORD || 'field-review-demo';
const useRealSite = Boolean(process.env.DEEPOMATIC_API_URL && process.env.DEEPOMATIC_API_KEY);

if (process.env.DEMO_FRESH === '1') rmSync(dataDir, { recursive: true, force: true });
mkdirSync(dataDir, { recursive: true });
const secrets = loadSecrets(path.join(dataDir, 'secrets.json'));

const servers = [];
let stopping = false;
async function stopAll(code = 0) {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping Field Review and the simulator…');
  for (const server of [...servers].reverse()) await server.stop();
  process.exit(code);
}
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));

try {
  if (!dev) await ensureBuild();

  let apiUrl = process.env.DEEPOMATIC_API_URL;
  let apiKey = process.env.DEEPOMATIC_API_KEY;
  if (!useRealSite) {
    const simulatorPort = await pickPort(Number(process.env.SIMULATOR_PORT || 4010));
    apiKey = `demo-${randomBytes(16).toString('hex')}`;
    apiUrl = `http://127.0.0.1:${simulatorPort}/v0.2/`;
    const workOrders = process.env.SIMULATOR_WORK_ORDERS || '2000';
    console.log(`Starting the Deepomatic v0.2 simulator on 127.0.0.1:${simulatorPort} (${workOrders} work orders)…`);
    const simulator = startGuarded('npm', ['run', '--silent', 'simulator'], {
      name: 'simulator',
      maxSeconds: 0,
      logFile: path.join(dataDir, 'simulator.log'),
      env: {
        ...process.env,
        SIMULATOR_PORT: String(simulatorPort),
        SIMULATOR_HOST: '127.0.0.1',
        SIMULATOR_WORK_ORDERS: workOrders,
        SIMULATOR_SEED: process.env.SIMULATOR_SEED || 'demo',
        SIMULATOR_API_KEYS: apiKey,
        SIMULATOR_ADMIN_TOKEN: process.env.SIMULATOR_ADMIN_TOKEN || `sim-admin-${randomBytes(12).toString('hex')}`,
      },
    });
    servers.push(simulator);
    watchExit(simulator, path.join(dataDir, 'simulator.log'));
    await waitForHttp(`${apiUrl}task-groups/`, { headers: { Authorization: `Token ${apiKey}` }, timeoutMs: 120_000, exited: simulator.exited });
  }

  console.log(`Starting Field Review (${dev ? 'next dev' : 'next start'}) on ${host}:${port}…`);
  // The app logs one JSON line per request: keep them in a file so the console stays readable.
  const appLog = path.join(dataDir, 'app.log');
  // Production: `npm start`, exactly as a deployment runs it (with its keep-alive setting).
  const [command, args] = dev
    ? [bin('next'), ['dev', '-H', host, '-p', String(port)]]
    : ['npm', ['start', '--silent', '--', '-H', host, '-p', String(port)]];
  const app = startGuarded(command, args, {
    name: 'app',
    maxSeconds: 0,
    logFile: appLog,
    env: {
      ...process.env,
      NODE_ENV: dev ? 'development' : 'production',
      NEXT_DIST_DIR: distDir,
      NEXT_TELEMETRY_DISABLED: '1',
      DATA_DIR: dataDir,
      DEMO: '1',
      DEMO_PASSWORD: demoPassword,
      APP_URL: appUrl,
      NEXTAUTH_URL: process.env.NEXTAUTH_URL || appUrl,
      NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET || secrets.NEXTAUTH_SECRET,
      ANALYSIS_CALLBACK_SECRET: process.env.ANALYSIS_CALLBACK_SECRET || secrets.ANALYSIS_CALLBACK_SECRET,
      DEEPOMATIC_API_URL: apiUrl,
      DEEPOMATIC_API_KEY: apiKey,
    },
  });
  servers.push(app);
  watchExit(app, appLog);
  await waitForHttp(`http://127.0.0.1:${port}/api/health`, {
    timeoutMs: dev ? 300_000 : 120_000,
    accept: (r) => r.status < 500 || r.status === 503,
    exited: app.exited,
  });
  printBox([
    'Field Review is running',
    '',
    `  Open      ${appUrl}`,
    `  Upstream  ${useRealSite ? apiUrl : `simulator ${apiUrl}`}`,
    `  Data      ${path.relative(root, dataDir) || dataDir}`,
    `  Logs      ${path.relative(root, appLog)}${useRealSite ? '' : `, ${path.relative(root, path.join(dataDir, 'simulator.log'))}`}`,
    '',
    'Demo users (password for all three):',
    `  admin@demo.test        admin`,
    `  supervisor@demo.test   supervisor`,
    `  viewer@demo.test       viewer`,
    `  password: ${demoPassword}`,
    '',
    'Press Ctrl-C to stop.',
  ]);
} catch (error) {
  console.error(`\nThe demo could not start: ${error instanceof Error ? error.message : error}`);
  await stopAll(1);
}

/** Builds the app unless a build newer than every source file exists. */
async function ensureBuild() {
  const buildId = path.join(root, distDir, 'BUILD_ID');
  const builtAt = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
  const newest = newestSourceMtime();
  if (builtAt && builtAt >= newest) {
    console.log(`Using the production build in ${distDir} (up to date).`);
    return;
  }
  console.log(
    builtAt
      ? 'Sources changed since the last build: rebuilding (next build)…'
      : 'Building Field Review for production (next build, a few minutes the first time)…',
  );
  const code = await run(bin('next'), ['build'], {
    env: { ...process.env, NODE_ENV: 'production', NEXT_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: '1' },
  });
  if (code !== 0) throw new Error(`next build failed (exit ${code})`);
}

function newestSourceMtime() {
  let newest = 0;
  const entries = [
    'app',
    'components',
    'lib',
    'messages',
    'public',
    'proxy.ts',
    'instrumentation.ts',
    'next.config.js',
    'package-lock.json',
    'tsconfig.json',
  ];
  const stack = entries.map((e) => path.join(root, e)).filter((p) => existsSync(p));
  let budget = 50_000; // bounded walk
  while (stack.length && budget-- > 0) {
    const current = stack.pop();
    const stat = statSync(current);
    if (stat.isDirectory()) {
      for (const name of readdirSync(current)) if (name !== 'node_modules') stack.push(path.join(current, name));
    } else if (!/\.test\.tsx?$/.test(current)) {
      newest = Math.max(newest, stat.mtimeMs);
    }
  }
  return newest;
}

/** Secrets generated once per data directory and kept there (0600), so sessions survive restarts. */
function loadSecrets(file) {
  let stored = {};
  if (existsSync(file)) {
    try {
      stored = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      stored = {};
    }
  }
  let changed = false;
  for (const name of ['NEXTAUTH_SECRET', 'ANALYSIS_CALLBACK_SECRET']) {
    if (!stored[name]) {
      stored[name] = randomBytes(32).toString('base64url');
      changed = true;
    }
  }
  if (changed) {
    writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  return stored;
}

/** The asked port if it is free, else a free one (so a second demo or a stale process does not block). */
async function pickPort(wanted) {
  const { createServer } = await import('node:net');
  const free = await new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(wanted, '127.0.0.1', () => server.close(() => resolve(true)));
  });
  return free ? wanted : freePort();
}

function watchExit(server, logFile) {
  server.exited.then(({ code }) => {
    if (stopping) return;
    console.error(`\nThe ${server.name} stopped unexpectedly (exit ${code}).${logFile ? ` Its log: ${path.relative(root, logFile)}` : ''}`);
    if (logFile && existsSync(logFile)) console.error(readFileSync(logFile, 'utf8').split('\n').slice(-20).join('\n'));
    stopAll(1);
  });
}

function printBox(lines) {
  const width = Math.max(...lines.map((l) => l.length)) + 2;
  console.log(`\n\u250c${'\u2500'.repeat(width)}\u2510`);
  for (const line of lines) console.log(`\u2502 ${line.padEnd(width - 1)}\u2502`);
  console.log(`\u2514${'\u2500'.repeat(width)}\u2518\n`);
}
