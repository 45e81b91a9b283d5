// Small process helpers shared by the test runner, the demo and the Playwright global setup.
// Every server is started on 127.0.0.1, behind a guard that stops it when its parent dies or
// when its lifetime runs out, so nothing outlives the run that started it.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { openSync, closeSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const guardScript = fileURLToPath(new URL('./guard.mjs', import.meta.url));

/** A free TCP port on 127.0.0.1 (asks the kernel; a tiny race remains, as with any such helper). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts `command args` in its own process group under the guard.
 * stdout and stderr go to `logFile` (appended) or are inherited when `logFile` is undefined.
 * Returns `{ pid, stop(), exited }`.
 */
export function startGuarded(command, args, { env = process.env, cwd = process.cwd(), logFile, maxSeconds = 3600, name = command } = {}) {
  let fd;
  if (logFile) fd = openSync(logFile, 'a');
  const stdio = fd === undefined ? ['ignore', 'inherit', 'inherit'] : ['ignore', fd, fd];
  const child = spawn(process.execPath, [guardScript, String(process.pid), String(maxSeconds), command, ...args], {
    cwd,
    env,
    stdio,
    detached: true, // own process group: stop() can end the whole tree (npm → sh → tsx → node)
  });
  if (fd !== undefined) closeSync(fd);
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  let stopped = false;
  async function stop(timeoutMs = 10_000) {
    if (stopped) return exited;
    stopped = true;
    if (child.exitCode !== null || child.signalCode !== null) return exited;
    signalGroup(child.pid, 'SIGTERM');
    const timer = setTimeout(() => signalGroup(child.pid, 'SIGKILL'), timeoutMs);
    const result = await exited;
    clearTimeout(timer);
    signalGroup(child.pid, 'SIGKILL'); // anything left in the group
    return result;
  }
  return { pid: child.pid, name, stop, exited, child };
}

function signalGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

/**
 * Polls `url` until `accept(response)` holds or `timeoutMs` passes (bounded loop).
 * `exited` (a promise) aborts the wait when the server dies first.
 */
export async function waitForHttp(url, { timeoutMs = 60_000, intervalMs = 250, headers = {}, accept = (r) => r.ok, exited } = {}) {
  const deadline = Date.now() + timeoutMs;
  let died = null;
  exited?.then((r) => {
    died = r;
  });
  let lastError = 'no answer';
  while (Date.now() < deadline) {
    if (died) throw new Error(`${url}: server exited before answering (code ${died.code}, signal ${died.signal})`);
    try {
      const response = await fetch(url, { headers, signal: AbortSignal.timeout(5_000), redirect: 'manual' });
      if (accept(response)) return response;
      lastError = `HTTP ${response.status}`;
      await response.body?.cancel();
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms (${lastError})`);
}

/** Runs a command to completion with inherited output; resolves with its exit code. */
export function run(command, args, { env = process.env, cwd = process.cwd(), stdio = 'inherit' } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env, cwd, stdio });
    child.on('error', () => resolve(127));
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}
