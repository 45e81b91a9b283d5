import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { playwrightCounts, vitestCounts } from '../scripts/lib/counts.mjs';
import { freePort, startGuarded, waitForHttp } from '../scripts/lib/procs.mjs';

// The machinery behind `npm test` and the demo: the Total line must count what the runners
// report (a test file that did not even load is a failure), and every server must stop.

describe('runner counts', () => {
  it('reads vitest JSON, counting a file that failed to load as a failure', () => {
    const json = {
      numPassedTests: 7,
      numFailedTests: 1,
      numPendingTests: 2,
      numTodoTests: 1,
      testResults: [
        { status: 'passed', assertionResults: [{ status: 'passed' }] },
        { status: 'failed', assertionResults: [{ status: 'failed' }] },
        { status: 'failed', assertionResults: [] }, // import error: no test ran
      ],
    };
    expect(vitestCounts(json)).toEqual({ passed: 7, failed: 2, skipped: 3 });
    expect(vitestCounts(null)).toBeNull();
  });

  it('reads Playwright JSON: flaky and setup/teardown errors count as failed', () => {
    expect(playwrightCounts({ stats: { expected: 30, unexpected: 2, flaky: 1, skipped: 4 }, errors: [{ message: 'teardown' }] })).toEqual({
      passed: 30,
      failed: 4,
      skipped: 4,
    });
    expect(playwrightCounts({})).toBeNull();
  });
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function childrenOf(pid: number): number[] {
  try {
    return execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

describe('guarded servers', () => {
  it('stops a server and everything it started', async () => {
    const port = await freePort();
    const script = `require('http').createServer((q, r) => r.end('ok')).listen(${port}, '127.0.0.1')`;
    // A shell in between, like npm → sh → node: the whole group must go.
    const server = startGuarded('sh', ['-c', `node -e "${script}"`], { name: 'test-server', maxSeconds: 60 });
    await waitForHttp(`http://127.0.0.1:${port}/`, { timeoutMs: 20_000, exited: server.exited });
    const tree = [server.pid!, ...childrenOf(server.pid!)];
    await server.stop();
    await new Promise((r) => setTimeout(r, 200));
    expect(tree.filter(alive)).toEqual([]);
    await expect(fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(2_000) })).rejects.toThrow();
  }, 30_000);

  it('stops a server whose lifetime ran out, without anyone asking', async () => {
    const server = startGuarded('sleep', ['60'], { name: 'sleeper', maxSeconds: 1 });
    const result = await Promise.race([server.exited, new Promise((r) => setTimeout(() => r('still running'), 15_000))]);
    expect(result).not.toBe('still running');
    await server.stop();
  }, 20_000);

  it('fails fast when the server dies before answering', async () => {
    const port = await freePort();
    const server = startGuarded('sh', ['-c', 'exit 3'], { name: 'crasher', maxSeconds: 10 });
    await expect(waitForHttp(`http://127.0.0.1:${port}/`, { timeoutMs: 15_000, exited: server.exited })).rejects.toThrow(/exited before answering/);
  }, 20_000);
});
