#!/usr/bin/env node
// How a production instance (the container's command) starts: checks the configuration it
// cannot run without, naming each missing or malformed variable (never its value), then runs
// `next start` on $HOST:$PORT (0.0.0.0:3000 unless set) with a keep-alive longer than the
// proxies' (65 s), so a reverse proxy never reuses a connection the app has just closed.
// SIGTERM and SIGINT are passed on.
//
//   node scripts/start-production.mjs           check, then start
//   node scripts/start-production.mjs --check   check only, print the command it would run
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** True for an absolute http(s) URL. */
function isHttpUrl(value) {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

const set = (value) => typeof value === 'string' && value.trim() !== '';

/** What is wrong with `env` for a production start: one sentence per problem, [] when none. */
export function productionEnvProblems(env) {
  const problems = [];
  if (!set(env.NEXTAUTH_SECRET) && !set(env.AUTH_SECRET)) {
    problems.push('NEXTAUTH_SECRET is not set: it encrypts the sessions. Generate one with: openssl rand -base64 32');
  }
  const appUrl = set(env.APP_URL) ? 'APP_URL' : set(env.NEXTAUTH_URL) ? 'NEXTAUTH_URL' : null;
  if (!appUrl) problems.push('APP_URL (or NEXTAUTH_URL) is not set: the public URL users open, e.g. https://field-review.example.com');
  else if (!isHttpUrl(env[appUrl])) problems.push(`${appUrl} is not an http(s) URL`);
  if (!set(env.DEEPOMATIC_API_URL)) problems.push('DEEPOMATIC_API_URL is not set: your site’s API base, ending with /v0.2/');
  else if (!isHttpUrl(env.DEEPOMATIC_API_URL)) problems.push('DEEPOMATIC_API_URL is not an http(s) URL');
  if (!set(env.DEEPOMATIC_API_KEY)) problems.push('DEEPOMATIC_API_KEY is not set: the API key of the Deepomatic account Field Review uses');
  if (set(env.DATABASE_URL) && !/^postgres(ql)?:\/\//.test(env.DATABASE_URL)) {
    problems.push('DATABASE_URL is not a postgres:// URL');
  }
  if (set(env.PORT) && !(/^\d{1,5}$/.test(env.PORT) && Number(env.PORT) >= 1 && Number(env.PORT) <= 65535)) {
    problems.push('PORT is not a port number (1-65535)');
  }
  return problems;
}

/** The `next` arguments of a production start: every interface unless `HOST` says otherwise. */
export function nextStartArgs(env) {
  const host = set(env.HOST) ? env.HOST.trim() : '0.0.0.0';
  return ['start', '-H', host, '-p', set(env.PORT) ? env.PORT.trim() : '3000', '--keepAliveTimeout', '65000'];
}

function main() {
  const problems = productionEnvProblems(process.env);
  if (problems.length > 0) {
    console.error('Field Review cannot start, the configuration is incomplete:');
    for (const problem of problems) console.error(`  - ${problem}`);
    console.error('See the Configuration section of the README, and .env.example.');
    process.exit(78); // EX_CONFIG: a supervisor can tell "fix the settings" from a crash
  }
  const nextBin = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');
  const args = nextStartArgs(process.env);
  if (process.argv.includes('--check')) {
    console.log(`configuration complete; would run: next ${args.join(' ')}`);
    return;
  }
  const child = spawn(process.execPath, [nextBin, ...args], { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? 128 + (constants.signals[signal] ?? 0)));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
