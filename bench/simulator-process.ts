import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The simulator in its own process (as in the demo and the E2E run), on a free loopback port:
 * its CPU is then not the benchmark's. `env` adds SIMULATOR_* settings (work orders, keys…).
 */
export async function startSimulatorProcess(env: Record<string, string>): Promise<{ url: string; pid: number; startupMs: number; stop: () => void }> {
  const started = Date.now();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'simulator/main.ts')], {
    cwd: root,
    env: { ...process.env, SIMULATOR_PORT: '0', SIMULATOR_LOG: '0', SIMULATOR_SEED: 'bench', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error('simulator did not start within 120 s')), 120_000);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /simulator listening on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.on('exit', (code) => reject(new Error(`simulator exited with ${code}`)));
  });
  return { url, pid: child.pid!, startupMs: Date.now() - started, stop: () => child.kill('SIGTERM') };
}
