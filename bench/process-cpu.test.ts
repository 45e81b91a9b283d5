import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cpuSeconds, parseStat, startCpuMeter } from './process-cpu';

describe('parseStat', () => {
  it('reads the parent and the CPU ticks after the command name, reaped children included', () => {
    const line = '4242 (next-server (v16)) S 4200 4100 4100 0 -1 4194560 12 0 0 0 750 125 30 5 20 0 11 0 999 1 2 3';
    // Its own user and system time, and those of the children it has reaped.
    expect(parseStat(line)).toEqual({ pid: 4242, parent: 4200, cpuTicks: 910 });
  });

  it('refuses a line it cannot read', () => {
    expect(parseStat('garbage')).toBeNull();
    expect(parseStat('12 (x) S 1 notanumber 3')).toBeNull();
  });
});

describe('cpuSeconds', () => {
  it('sums the CPU of the live processes of a tree, a grandchild included', async () => {
    // A shell whose node burns CPU, then stays alive.
    const script = 'const end = Date.now() + 300; while (Date.now() < end); setTimeout(() => undefined, 20000);';
    const child = spawn('sh', ['-c', `"${process.execPath}" -e "${script}"; true`], { detached: true, stdio: 'ignore' });
    try {
      let used = 0;
      for (let i = 0; i < 100 && used < 0.2; i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        used = cpuSeconds({ trees: [child.pid!] });
      }
      expect(used).toBeGreaterThanOrEqual(0.2);
      // The shell alone has used next to nothing: the node under it is what counted.
      expect(cpuSeconds({ pids: [child.pid!] })).toBeLessThan(0.2);
    } finally {
      process.kill(-child.pid!, 'SIGKILL');
    }
  });

  it('still counts a member that exited during the measure, through the parent that reaped it', async () => {
    // The node burns CPU and exits; the shell waits for it, notes it, then stays alive.
    const marker = path.join(mkdtempSync(path.join(tmpdir(), 'process-cpu-')), 'exited');
    const script = 'const end = Date.now() + 300; while (Date.now() < end);';
    const child = spawn('sh', ['-c', `"${process.execPath}" -e "${script}"; touch "${marker}"; sleep 20`], { detached: true, stdio: 'ignore' });
    try {
      for (let i = 0; i < 100 && !existsSync(marker); i += 1) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(existsSync(marker)).toBe(true);
      expect(cpuSeconds({ trees: [child.pid!] })).toBeGreaterThanOrEqual(0.2);
    } finally {
      process.kill(-child.pid!, 'SIGKILL');
      rmSync(path.dirname(marker), { recursive: true, force: true });
    }
  });

  it('reports the cores each source used, and this process as the load generator', () => {
    const meter = startCpuMeter({ nothing: {} });
    const end = performance.now() + 100;
    while (performance.now() < end);
    const used = meter.stop();
    expect(used.nothing).toBe(0);
    expect(used.load_generator).toBeGreaterThan(0);
  });
});
