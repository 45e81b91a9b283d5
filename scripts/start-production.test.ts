import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nextStartArgs, productionEnvProblems } from './start-production.mjs';

// The container's start command, run as a plain process. Starting `next start` for real needs a
// production build (minutes), so these tests stop at the configuration check (`--check`).

const SCRIPT = path.join(__dirname, 'start-production.mjs');
const SECRET_VALUE = 'k3y-that-must-never-be-printed-0123456789';
const VALID = {
  NEXTAUTH_SECRET: 'x'.repeat(44),
  APP_URL: 'https://field-review.example.com',
  DEEPOMATIC_API_URL: 'https://api.site.example/v0.2/',
  DEEPOMATIC_API_KEY: SECRET_VALUE,
  DATABASE_URL: 'postgres://field_review:pw@db:5432/field_review',
};

function start(env: Record<string, string>, ...args: string[]) {
  return spawnSync(process.execPath, [SCRIPT, ...args], {
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', ...env },
    encoding: 'utf8',
    timeout: 20_000,
  });
}

describe('scripts/start-production.mjs', () => {
  it('refuses to start without its configuration, naming every missing variable', () => {
    const run = start({});
    expect(run.status).toBe(78);
    for (const name of ['NEXTAUTH_SECRET', 'APP_URL', 'DEEPOMATIC_API_URL', 'DEEPOMATIC_API_KEY']) expect(run.stderr).toContain(name);
    expect(run.stdout).toBe('');
  });

  it('names a malformed variable without printing any value', () => {
    const run = start({ ...VALID, DEEPOMATIC_API_URL: `not a url ${SECRET_VALUE}`, PORT: '99999' }, '--check');
    expect(run.status).toBe(78);
    expect(run.stderr).toContain('DEEPOMATIC_API_URL is not an http(s) URL');
    expect(run.stderr).toContain('PORT is not a port number');
    expect(run.stderr + run.stdout).not.toContain(SECRET_VALUE);
  });

  it('with a complete configuration, runs next start on every interface with a long keep-alive', () => {
    const run = start({ ...VALID, PORT: '8080' }, '--check');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('next start -H 0.0.0.0 -p 8080 --keepAliveTimeout 65000');
  });

  it('accepts the alternative names and the embedded database', () => {
    const { NEXTAUTH_SECRET, APP_URL, DATABASE_URL, ...rest } = VALID;
    void DATABASE_URL;
    expect(productionEnvProblems({ ...rest, AUTH_SECRET: NEXTAUTH_SECRET, NEXTAUTH_URL: APP_URL })).toEqual([]);
    expect(productionEnvProblems({ ...VALID, DATABASE_URL: 'mysql://x' })).toEqual(['DATABASE_URL is not a postgres:// URL']);
    expect(nextStartArgs({})).toEqual(['start', '-H', '0.0.0.0', '-p', '3000', '--keepAliveTimeout', '65000']);
    expect(nextStartArgs({ HOST: '127.0.0.1', PORT: '4000' })).toEqual(['start', '-H', '127.0.0.1', '-p', '4000', '--keepAliveTimeout', '65000']);
  });
});
