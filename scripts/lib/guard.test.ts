import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

// Every server the tests, the benchmarks and the demo start runs under the guard, which must end
// the whole tree when the runner dies: npm (the usual command) does not pass a signal on to the
// process it started, which then lived on, an orphan holding its port.
const guard = path.join(__dirname, 'guard.mjs');

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function until(condition: () => boolean, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end;) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return condition();
}

const started: ChildProcess[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const child of started.splice(0)) child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('guard', () => {
  it('ends the whole process tree, a grandchild its child would leave behind too, once its parent is gone', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'guard-'));
    dirs.push(dir);
    const pidFile = path.join(dir, 'grandchild.pid');
    // A stand-in for the runner, and under the guard a shell that starts a grandchild and, like
    // npm, dies of SIGTERM without passing it on.
    const runner = spawn('sleep', ['60'], { stdio: 'ignore' });
    started.push(runner);
    const guarded = spawn(process.execPath, [guard, String(runner.pid), '60', 'sh', '-c', `sleep 60 & echo $! > '${pidFile}'; wait`], {
      stdio: 'ignore',
      detached: true,
    });
    started.push(guarded);
    expect(await until(() => existsSync(pidFile) && readFileSync(pidFile, 'utf8').trim() !== '', 10_000)).toBe(true);
    const grandchild = Number(readFileSync(pidFile, 'utf8').trim());
    expect(alive(grandchild)).toBe(true);

    runner.kill('SIGKILL');
    expect(await until(() => guarded.exitCode !== null || guarded.signalCode !== null, 15_000), 'the guard stopped').toBe(true);
    expect(await until(() => !alive(grandchild), 5_000), 'the grandchild is gone').toBe(true);
  });
});
