import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

describe('npm run simulator (main.ts)', () => {
  it('reads its env, prints the ready line, logs requests without the key, stops on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'simulator/main.ts')], {
      cwd: root,
      env: {
        ...process.env,
        SIMULATOR_PORT: '0',
        SIMULATOR_WORK_ORDERS: '12',
        SIMULATOR_API_KEYS: 'cli-key-1,cli-key-2',
        SIMULATOR_ADMIN_TOKEN: 'cli-admin',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const check = setInterval(() => {
          const match = /simulator listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
          if (match) {
            clearInterval(check);
            resolve(match[1]);
          }
        }, 50);
        child.on('exit', (code) => {
          clearInterval(check);
          reject(new Error(`exited ${code}: ${output}`));
        });
      });
      const list = await fetch(`${url}/v0.2/work-orders/`, { headers: { Authorization: 'Token cli-key-2' } });
      expect(list.status).toBe(200);
      expect((await list.json()).count).toBe(12);
      expect((await fetch(`${url}/__sim/site`, { headers: { Authorization: 'Bearer cli-admin' } })).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(output).toMatch(/GET \/v0\.2\/work-orders\/ 200/);
      expect(output).not.toContain('cli-key-2');
      const exit = new Promise<number | null>((resolve) => child.on('exit', resolve));
      child.kill('SIGTERM');
      expect(await exit).toBe(0);
      expect(output).toContain('SIGTERM received');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 60_000);
});
