import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { UpstreamCheckReport } from '@/lib/shared/upstream-check';
import { onDocumentedProfile } from '@/test/harness/simulator-profile';
import { DOCUMENTED_SITE_DEGRADATIONS } from '@/test/fixtures/deepomatic';

/**
 * `npm run check-upstream` as an operator runs it, against the integration simulator (either
 * profile): its exit code, its report, and never the key in what it prints.
 */

const root = path.resolve(__dirname, '..');

function checkUpstream(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', 'check-upstream', '--', ...args], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

const key = () => process.env.DEEPOMATIC_API_KEY!;

describe('npm run check-upstream', () => {
  it('reports the site as usable, with what runs degraded on this profile (JSON)', async () => {
    const { code, stdout } = await checkUpstream(['--json']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as UpstreamCheckReport & { host: string };
    expect(report).toMatchObject({ usable: true, blocker: null, host: new URL(process.env.DEEPOMATIC_API_URL!).host });
    expect(report.reads.filter((read) => read.outcome !== 'ok').map((read) => read.read)).toEqual(
      // Each profile serves one form of the task-group URL.
      onDocumentedProfile() ? ['task_group_slashed'] : ['task_group_slashless'],
    );
    const degraded = report.degraded.map((degradation) => degradation.key);
    if (onDocumentedProfile()) {
      expect(degraded).toEqual(DOCUMENTED_SITE_DEGRADATIONS);
      expect(report.list).toMatchObject({ pageSizeHonoured: false, orderingHonoured: false, updatedAfterHonoured: false });
    } else {
      // Nothing the full profile provides is reported missing.
      expect(degraded).toEqual([]);
      expect(report.fields.filter((field) => field.provided !== 'yes')).toEqual([{ path: 'analysis.status', provided: 'unknown' }]);
      expect(report.list).toEqual({
        pageSizeHonoured: true,
        sitePageSize: null,
        orderingHonoured: true,
        updatedAfterHonoured: true,
        rowFieldsAbsent: [],
      });
    }
    expect(stdout).not.toContain(key());
  });

  it('prints the same in words by default', async () => {
    const { code, stdout, stderr } = await checkUpstream([]);
    expect(code).toBe(0);
    expect(stdout).toContain('Deepomatic site');
    expect(stdout).toContain('(API key set, never shown)');
    if (onDocumentedProfile()) {
      expect(stdout).toMatch(/The site can be used; 14 features run degraded\./);
      expect(stdout).toContain('The work-order list ignores updated_after: incremental sync reads every work order, as a full sync does.');
      expect(stdout).toContain("No work-order update_date: list sorting by last update and incremental sync use Field Review's own clock");
    } else {
      expect(stdout).toContain('The site can be used, and nothing runs degraded.');
    }
    expect(`${stdout}${stderr}`).not.toContain(key());
  });

  it('exits 1 when the site refuses the key, 2 when nothing is configured, and never prints the key', async () => {
    const wrongKey = `wrong-${crypto.randomUUID()}`;
    const refused = await checkUpstream(['--json'], { DEEPOMATIC_API_KEY: wrongKey });
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stdout)).toMatchObject({ usable: false, blocker: 'auth_failed' });
    expect(`${refused.stdout}${refused.stderr}`).not.toContain(wrongKey);

    const unconfigured = await checkUpstream([], { DEEPOMATIC_API_URL: '' });
    expect(unconfigured.code).toBe(2);
    expect(unconfigured.stdout).toContain('DEEPOMATIC_API_URL or DEEPOMATIC_API_KEY is missing or invalid on the server.');

    expect((await checkUpstream(['--verbose'])).code).toBe(2);
  });
});
