#!/usr/bin/env node
// `npm run bench`: runs every bench/*.bench.ts with tsx, one after the other (benchmarks must not
// compete for the 2 cores), and prints one JSON document gathering their results; also written to
// bench/results/latest.json. Each benchmark prints one JSON value on stdout (its last line that
// parses as JSON is taken) and reports its figures as ratios to a baseline measured in the same
// run, so results compare across machines.
//
// Usage: node bench/run.mjs [name-filter]    e.g. `npm run bench -- search`
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(benchDir, '..');
const filter = process.argv[2];
// The sync benchmark walks 100k work orders from the simulator: ~8 min on a quiet 2-core machine.
const timeoutMs = Number(process.env.BENCH_TIMEOUT_MS || 25 * 60_000);

const files = readdirSync(benchDir)
  .filter((f) => f.endsWith('.bench.ts') && (!filter || f.includes(filter)))
  .sort();

const document = {
  date: new Date().toISOString(),
  node: process.version,
  platform: `${os.platform()} ${os.arch()}`,
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model ?? 'unknown',
  benchmarks: {},
};
let failures = 0;

for (const file of files) {
  const name = file.replace(/\.bench\.ts$/, '');
  process.stderr.write(`bench: ${name}…\n`);
  const started = Date.now();
  const { code, stdout, stderr, timedOut } = await runBench(path.join(benchDir, file));
  const result = lastJson(stdout);
  if (code !== 0 || result === undefined) {
    failures += 1;
    document.benchmarks[name] = {
      error: timedOut ? `timed out after ${timeoutMs} ms` : code !== 0 ? `exit ${code}` : 'printed no JSON',
      stderr: stderr.split('\n').slice(-15).join('\n'),
    };
  } else {
    document.benchmarks[name] = result;
  }
  process.stderr.write(`bench: ${name} ${code === 0 ? 'done' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}

if (files.length === 0) process.stderr.write(`bench: no bench/*.bench.ts${filter ? ` matching "${filter}"` : ''}\n`);
const json = JSON.stringify(document, null, 2);
mkdirSync(path.join(benchDir, 'results'), { recursive: true });
writeFileSync(path.join(benchDir, 'results', 'latest.json'), `${json}\n`);
process.stdout.write(`${json}\n`);
process.exit(failures ? 1 : 0);

function runBench(file) {
  return new Promise((resolve) => {
    const child = spawn(path.join(root, 'node_modules', '.bin', 'tsx'), [file], {
      cwd: root,
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => {
      stderr += d;
      process.stderr.write(d);
    });
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // gone
      }
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, stdout, stderr, timedOut });
    });
  });
}

function lastJson(text) {
  const trimmed = text.trim();
  try {
    return JSON.parse(trimmed);
  } catch {
    // fall through: take the last line that parses
  }
  const lines = trimmed.split('\n').reverse();
  for (const line of lines) {
    try {
      return JSON.parse(line);
    } catch {
      // not JSON
    }
  }
  return undefined;
}
