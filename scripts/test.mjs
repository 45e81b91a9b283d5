#!/usr/bin/env node
// `npm test`: every check a change must pass, in the order that fails fastest —
// lint, typecheck, unit, integration (against the simulator), PostgreSQL (when available),
// production build, two instances on one PostgreSQL database (when available), Playwright E2E —
// then one plain total over all runners. Each step's report
// line says how long it took.
//
// The Debian packages the run lacks (Chromium, and PostgreSQL in CI) are installed in the
// background from the start, with one apt-get, while the CPU-bound steps run.
//
// Usage: node scripts/test.mjs [--only step,step] [--skip step,step]
// Steps: lockfile, packages, lint, typecheck, unit, integration, postgres, build, instances, e2e
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { playwrightCountsFromFile, vitestCountsFromFile } from './lib/counts.mjs';
import { CHROMIUM_PATH, chromiumProblem, installDebianPackages } from './lib/debian-packages.mjs';
import { findPostgresBin, startPostgres } from './lib/postgres.mjs';
import { run } from './lib/procs.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const resultsDir = path.join(root, 'test-results');
mkdirSync(resultsDir, { recursive: true });

const STEPS = ['lockfile', 'packages', 'lint', 'typecheck', 'unit', 'integration', 'postgres', 'build', 'instances', 'e2e'];
const args = process.argv.slice(2);
const listArg = (flag) => {
  const i = args.indexOf(flag);
  return i >= 0 && args[i + 1] ? args[i + 1].split(',').map((s) => s.trim()) : null;
};
const only = listArg('--only');
const skip = listArg('--skip') ?? [];
for (const step of [...(only ?? []), ...skip]) {
  if (!STEPS.includes(step)) {
    console.error(`Unknown step "${step}". Steps: ${STEPS.join(', ')}`);
    process.exit(2);
  }
}
const wanted = (step) => (only ? only.includes(step) : true) && !skip.includes(step);

const isCI = Boolean(process.env.CI) && process.env.CI !== 'false';
const distDir = process.env.NEXT_DIST_DIR || '.next-e2e';
// One canary key for the whole run: it is built into nothing and must leak nowhere
// (not in the client bundle, the pages, the API answers or the logs).
const canary = process.env.E2E_CANARY_KEY || `canary-${randomBytes(16).toString('hex')}`;

const totals = { passed: 0, failed: 0, skipped: 0 };
const report = []; // one line per step, printed before the last runner so its summary stays last
const started = Date.now();

function banner(title) {
  console.log(`\n\u2500\u2500\u2500\u2500 ${title} ${'\u2500'.repeat(Math.max(4, 70 - title.length))}`);
}

const seconds = (since) => `${Math.round((Date.now() - since) / 1000)} s`;

/** A check that is not a test runner (lint, typecheck, build): a failure counts as one failed. */
function recordCheck(step, ok, since, note = '') {
  if (!ok) totals.failed += 1;
  report.push(`${ok ? 'ok  ' : 'FAIL'} ${step} (${seconds(since)})${note ? ` — ${note}` : ''}`);
}

function addCounts(step, counts, exitCode, since) {
  if (!counts) {
    totals.failed += 1;
    report.push(`FAIL ${step} (${seconds(since)}) — the runner wrote no results (exit ${exitCode})`);
    return;
  }
  // A runner that failed without a failed test (config error, teardown error…) is one failure.
  const failed = counts.failed === 0 && exitCode !== 0 ? 1 : counts.failed;
  totals.passed += counts.passed;
  totals.failed += failed;
  totals.skipped += counts.skipped;
  report.push(`${failed ? 'FAIL' : 'ok  '} ${step} (${seconds(since)}) — ${counts.passed} passed, ${failed} failed, ${counts.skipped} skipped`);
}

async function vitestProject(project, env = process.env, extra = []) {
  const since = Date.now();
  const out = path.join(resultsDir, `vitest-${project}.json`);
  rmSync(out, { force: true });
  const code = await run(
    bin('vitest'),
    ['run', '--project', project, '--passWithNoTests', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`, ...extra],
    { env },
  );
  addCounts(project, vitestCountsFromFile(out), code, since);
  return code === 0;
}

// Debian packages: Chromium for the E2E runs, PostgreSQL for the database runs in CI (or when
// TEST_POSTGRES=1). Started now, awaited by the first step that needs them.
const postgresAsked = process.env.TEST_POSTGRES !== '0' && (process.env.TEST_POSTGRES === '1' || isCI);
const needed = [];
const wantsBrowser = wanted('e2e') || wanted('instances');
const wantsPostgres = wanted('postgres') || wanted('instances');
if (wanted('packages') && wantsBrowser && !existsSync(CHROMIUM_PATH) && !chromiumProblem()) needed.push('chromium');
if (wanted('packages') && wantsPostgres && postgresAsked && !findPostgresBin()) needed.push('postgresql');
let packages = Promise.resolve(null);
if (needed.length > 0) {
  const since = Date.now();
  const logFile = path.join(resultsDir, 'apt.log');
  console.log(`Installing Debian's ${needed.join(' and ')} in the background (apt-get; log: ${path.relative(root, logFile)})…`);
  packages = installDebianPackages(needed, { logFile }).then((problem) => {
    recordCheck(`packages: ${needed.join(', ')}`, problem === null, since, problem ?? '');
    if (problem) console.error(problem);
    return problem;
  });
}

/** Runs a check (not a test runner) as one step of the report. */
async function check(step, title, command, args, options) {
  banner(title);
  const since = Date.now();
  recordCheck(step, (await run(command, args, options)) === 0, since);
}

if (wanted('lockfile')) {
  // `npm ci` on a fresh machine refuses a lock that lacks optional platform packages (see
  // scripts/fix-lockfile.mjs); catch that here, before a commit reaches CI.
  await check('lockfile', 'Lockfile', process.execPath, [path.join(root, 'scripts', 'fix-lockfile.mjs'), '--check']);
}

if (wanted('lint')) {
  await check('lint', 'Lint (eslint)', bin('eslint'), ['.']);
  await check('format', 'Formatting (prettier --check; `npm run format` fixes it)', bin('prettier'), ['--check', '.']);
}

if (wanted('typecheck')) await check('typecheck', 'Typecheck (tsc --noEmit)', bin('tsc'), ['--noEmit', '-p', '.']);

if (wanted('unit')) {
  banner('Unit tests (vitest, project unit)');
  await vitestProject('unit');
}

if (wanted('integration')) {
  banner('Integration tests (vitest, project integration, against the simulator)');
  await vitestProject('integration');
  banner('Integration tests again (project integration-documented, simulator answering only what the API documents)');
  await vitestProject('integration-documented');
}

/** The PostgreSQL server's binaries, or null (TEST_POSTGRES=0, or none installed). */
const postgresBin = () => (process.env.TEST_POSTGRES === '0' ? null : findPostgresBin());

/**
 * A step that needs PostgreSQL and finds none: skipped on a developer's machine, failed where
 * PostgreSQL was asked for (CI, TEST_POSTGRES=1) but could not be installed.
 */
function skipWithoutPostgres(step) {
  const why = postgresAsked ? 'PostgreSQL could not be installed' : 'no PostgreSQL server on this machine (set TEST_POSTGRES=1 to install one)';
  console.log(`\nSkipping the ${step} run: ${why}.`);
  if (postgresAsked) totals.failed += 1;
  report.push(`${postgresAsked ? 'FAIL' : 'skip'} ${step} — ${why}`);
}

if (wanted('postgres')) {
  if (needed.includes('postgresql')) await packages;
  const binDir = postgresBin();
  if (binDir) {
    banner(`Database tests against PostgreSQL (${binDir})`);
    const since = Date.now();
    let pg;
    try {
      pg = await startPostgres({ binDir, logFile: path.join(resultsDir, 'postgres.log') });
      console.log(`Throwaway cluster at ${pg.databaseUrl}`);
      await vitestProject('postgres', { ...process.env, DATABASE_URL: pg.databaseUrl });
    } catch (error) {
      console.error(error instanceof Error ? error.message : error);
      recordCheck('postgres', false, since, 'could not start a PostgreSQL cluster');
    } finally {
      await pg?.stop();
    }
  } else {
    skipWithoutPostgres('postgres');
  }
}

let buildOk = existsSync(path.join(root, distDir, 'BUILD_ID')) && !wanted('build');
if (wanted('build')) {
  banner(`Production build (next build → ${distDir})`);
  const since = Date.now();
  buildOk =
    (await run(bin('next'), ['build'], {
      env: {
        ...process.env,
        NODE_ENV: 'production',
        NEXT_DIST_DIR: distDir,
        NEXT_TELEMETRY_DISABLED: '1',
        // Built with the canary in the environment, so the E2E scan proves nothing inlines it.
        DEEPOMATIC_API_KEY: canary,
      },
    })) === 0;
  recordCheck('build', buildOk, since);
}

const browserProblem = () => (existsSync(CHROMIUM_PATH) ? null : (chromiumProblem() ?? `Chromium is missing at ${CHROMIUM_PATH}`));

// Two `next start` instances of the build on one throwaway PostgreSQL database, with the
// simulator (e2e-instances/): what instances must share is shared. Before the main E2E run, whose
// summary stays the last thing printed.
if (wanted('instances')) {
  await packages;
  const problem = !buildOk ? `not run: no production build in ${distDir}` : browserProblem() ? `not run: ${browserProblem()}` : null;
  if (!postgresBin()) {
    skipWithoutPostgres('instances');
  } else if (problem) {
    totals.failed += 1;
    report.push(`FAIL instances — ${problem}`);
  } else {
    banner('Two instances on one PostgreSQL database (Playwright, e2e-instances/)');
    const since = Date.now();
    const out = path.join(resultsDir, 'playwright-instances.json');
    rmSync(out, { force: true });
    const code = await run(bin('playwright'), ['test', '--config', 'e2e-instances/playwright.config.ts'], {
      env: { ...process.env, NEXT_DIST_DIR: distDir, E2E_CANARY_KEY: canary, PLAYWRIGHT_JSON_OUTPUT_FILE: out },
    });
    addCounts('instances', playwrightCountsFromFile(out), code, since);
  }
}

let browserMissing = null;
if (wanted('e2e')) {
  await packages;
  browserMissing = browserProblem();
  if (!buildOk) {
    totals.failed += 1;
    report.push(`FAIL e2e — not run: no production build in ${distDir}`);
  } else if (browserMissing) {
    totals.failed += 1;
    report.push(`FAIL e2e — not run: ${browserMissing}`);
  }
}

const runE2e = wanted('e2e') && buildOk && !browserMissing;
// The step report goes before the last runner, so that runner's own summary line is the last
// thing before the total.
console.log(`\n\u2500\u2500\u2500\u2500 Steps so far (${Math.round((Date.now() - started) / 1000)} s)`);
for (const line of report) console.log(`  ${line}`);

if (runE2e) {
  banner('End-to-end tests (Playwright, Chromium, next start + simulator)');
  const since = Date.now();
  const out = path.join(resultsDir, 'playwright.json');
  rmSync(out, { force: true });
  const code = await run(bin('playwright'), ['test'], {
    env: { ...process.env, NEXT_DIST_DIR: distDir, E2E_CANARY_KEY: canary, PLAYWRIGHT_JSON_OUTPUT_FILE: out },
  });
  const before = report.length;
  addCounts('e2e', playwrightCountsFromFile(out), code, since);
  // Only the e2e line is new; it is visible in the JSON report, the console already has the summary.
  report.length = before;
}

console.log(`Total: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 ? 1 : 0);
