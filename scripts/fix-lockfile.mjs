#!/usr/bin/env node
// Adds the platform-specific optional packages (darwin, win32, other linux CPUs…) that are listed
// in a package's optionalDependencies but missing from package-lock.json.
//
// Why: the npm registry mirror reachable here does not serve every platform build, so `npm install`
// leaves them out of the lock, and `npm ci` then refuses the lock as "not in sync" (it rebuilds
// the tree, fails to resolve those versions, and reports them as missing). With the entries in the
// lock (version, os, cpu, optional), `npm ci` accepts it and simply skips the ones that do not
// match this machine, exactly as on a developer's laptop.
//
// Usage: node scripts/fix-lockfile.mjs [--check]   (--check: exit 1 if entries are missing)
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const lockPath = path.join(root, 'package-lock.json');
const lock = JSON.parse(readFileSync(lockPath, 'utf8'));
const packages = lock.packages;
const check = process.argv.includes('--check');

const OS = ['darwin', 'win32', 'linux', 'freebsd', 'openbsd', 'netbsd', 'android', 'sunos', 'aix', 'openharmony'];
const CPU = [
  ['arm64', /arm64|aarch64/],
  ['x64', /x64|x86_64|amd64/],
  ['ia32', /ia32|x86(?!_)/],
  ['arm', /(^|-)arm(-|$)|armv7|gnueabihf|musleabihf|androideabi|arm-eabi/],
  ['ppc64', /ppc64/],
  ['s390x', /s390x/],
  ['riscv64', /riscv64/],
  ['loong64', /loong64/],
  ['wasm32', /wasm32/],
];

function platformOf(name) {
  const base = name.split('/').pop();
  const os = OS.find((o) => base.includes(o) || (o === 'win32' && /win(32|dows)/.test(base)));
  const cpu = CPU.find(([, re]) => re.test(base))?.[0];
  const libc = /musl/.test(base) ? 'musl' : /gnu/.test(base) ? 'glibc' : undefined;
  return { os, cpu, libc };
}

/** Where Node would find `dep` from the package at `from` (nested first, then up to the root). */
function locate(from, dep) {
  let dir = from;
  for (;;) {
    const candidate = `${dir ? `${dir}/` : ''}node_modules/${dep}`;
    if (packages[candidate]) return candidate;
    if (!dir) return null;
    const i = dir.lastIndexOf('/node_modules/');
    dir = i >= 0 ? dir.slice(0, i) : '';
  }
}

const added = [];
const skipped = [];
for (const [location, entry] of Object.entries(packages)) {
  for (const [dep, spec] of Object.entries(entry.optionalDependencies ?? {})) {
    if (locate(location, dep)) continue;
    if (!/^\d+\.\d+\.\d+(-[\w.]+)?$/.test(spec)) {
      skipped.push(`${dep}@${spec} (range, needed by ${location})`);
      continue;
    }
    const { os, cpu, libc } = platformOf(dep);
    if (!os && !cpu) {
      skipped.push(`${dep}@${spec} (no platform in its name, needed by ${location})`);
      continue;
    }
    const target = packages[`node_modules/${dep}`] ? `${location}/node_modules/${dep}` : `node_modules/${dep}`;
    const node = { version: spec, optional: true };
    if (entry.dev) node.dev = true;
    if (os) node.os = [os];
    if (cpu) node.cpu = [cpu];
    if (libc) node.libc = [libc];
    packages[target] = node;
    added.push(`${target}@${spec}`);
  }
}

if (check) {
  if (added.length) {
    console.error(`package-lock.json lacks ${added.length} optional platform packages; run: node scripts/fix-lockfile.mjs`);
    process.exit(1);
  }
  console.log('package-lock.json lists every optional platform package.');
  process.exit(0);
}
if (added.length) {
  // Keep the keys sorted as npm writes them.
  lock.packages = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b, 'en'))));
  writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
}
console.log(`Added ${added.length} optional platform entries to package-lock.json.`);
for (const line of skipped) console.log(`  not added: ${line}`);
