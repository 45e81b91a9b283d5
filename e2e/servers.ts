// Process helpers for the Playwright global setup. Same behaviour as scripts/lib/procs.mjs
// (Playwright compiles what the config imports to CommonJS, so it cannot share that ES module):
// every server runs on 127.0.0.1 under scripts/lib/guard.mjs, which ends it when the runner dies
// or its lifetime runs out.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, openSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import path from 'node:path';

const guardScript = path.resolve(__dirname, '..', 'scripts', 'lib', 'guard.mjs');

export interface Guarded {
  pid: number;
  name: string;
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stop(timeoutMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export function startGuarded(
  command: string,
  args: string[],
  options: { env: NodeJS.ProcessEnv; cwd: string; logFile: string; maxSeconds: number; name: string },
): Guarded {
  const fd = openSync(options.logFile, 'a');
  const child = spawn(process.execPath, [guardScript, String(process.pid), String(options.maxSeconds), command, ...args], {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', fd, fd],
    detached: true, // its own process group, so stop() ends the whole tree (npm → sh → tsx → node)
  });
  closeSync(fd);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  let stopping: Promise<{ code: number | null; signal: NodeJS.Signals | null }> | undefined;
  return {
    pid: child.pid!,
    name: options.name,
    child,
    exited,
    stop(timeoutMs = 10_000) {
      stopping ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) {
          signalGroup(child.pid!, 'SIGTERM');
          const timer = setTimeout(() => signalGroup(child.pid!, 'SIGKILL'), timeoutMs);
          await exited;
          clearTimeout(timer);
        }
        signalGroup(child.pid!, 'SIGKILL'); // anything left in the group
        return exited;
      })();
      return stopping;
    },
  };
}

export function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

/** Polls `url` until `accept(response)` or the deadline (bounded); fails early if the server died. */
export async function waitForHttp(
  url: string,
  options: { timeoutMs: number; headers?: Record<string, string>; accept?: (r: Response) => boolean; exited?: Promise<unknown> },
): Promise<void> {
  const accept = options.accept ?? ((r: Response) => r.ok);
  const deadline = Date.now() + options.timeoutMs;
  let died: unknown = null;
  void options.exited?.then((r) => {
    died = r;
  });
  let lastError = 'no answer';
  while (Date.now() < deadline) {
    if (died) throw new Error(`${url}: the server exited before answering (${JSON.stringify(died)})`);
    try {
      const response = await fetch(url, { headers: options.headers, signal: AbortSignal.timeout(5_000), redirect: 'manual' });
      await response.body?.cancel();
      if (accept(response)) return;
      lastError = `HTTP ${response.status}`;
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${options.timeoutMs} ms (${lastError})`);
}

/** Runs a command to completion with inherited output; resolves with its exit code. */
export function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env, stdio: 'inherit' });
    child.on('error', () => resolve(127));
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

/**
 * Starts the production app (`next start` through `command` + `args`, on 127.0.0.1:`port`) with
 * demo users, fed by the Deepomatic site at `apiUrl`, adds it to `servers` and waits until its
 * health route answers. `env` holds what this app alone sets.
 */
export async function startApp(options: {
  command: string;
  args: string[];
  name: string;
  logFile: string;
  root: string;
  port: number;
  distDir: string;
  dataDir: string;
  demoPassword: string;
  apiUrl: string;
  canary: string;
  env: Record<string, string>;
  servers: Guarded[];
}): Promise<Guarded> {
  const baseURL = `http://127.0.0.1:${options.port}`;
  const app = startGuarded(options.command, [...options.args, '-H', '127.0.0.1', '-p', String(options.port)], {
    cwd: options.root,
    logFile: options.logFile,
    maxSeconds: 3600,
    name: options.name,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      NEXT_DIST_DIR: options.distDir,
      NEXT_TELEMETRY_DISABLED: '1',
      DATA_DIR: options.dataDir,
      DEMO: '1',
      DEMO_PASSWORD: options.demoPassword,
      APP_URL: baseURL,
      NEXTAUTH_URL: baseURL,
      NEXTAUTH_SECRET: randomBytes(32).toString('hex'),
      DEEPOMATIC_API_URL: options.apiUrl,
      DEEPOMATIC_API_KEY: options.canary,
      ANALYSIS_CALLBACK_SECRET: randomBytes(32).toString('hex'),
      LOG_LEVEL: process.env.LOG_LEVEL || 'info',
      ...options.env,
    },
  });
  options.servers.push(app);
  // Any answer from the health route means the server is up; its content is a test's business.
  await waitForHttp(`${baseURL}/api/health`, { timeoutMs: 90_000, accept: (r) => r.status < 500 || r.status === 503, exited: app.exited });
  return app;
}
