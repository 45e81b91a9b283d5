// Reads the JSON reports of the test runners into { passed, failed, skipped }.
import { readFileSync } from 'node:fs';

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/** Vitest's JSON reporter (Jest-compatible shape). A file that failed to load counts as one failure. */
export function vitestCounts(json) {
  if (!json || typeof json !== 'object') return null;
  let failedFiles = 0;
  for (const suite of json.testResults ?? []) {
    if (suite.status === 'failed' && !(suite.assertionResults ?? []).some((a) => a.status === 'failed')) failedFiles += 1;
  }
  return {
    passed: json.numPassedTests ?? 0,
    failed: (json.numFailedTests ?? 0) + failedFiles,
    skipped: (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0),
  };
}

/**
 * Playwright's JSON reporter. A flaky test (failed, then passed on its retry) counts as failed:
 * retries are there to tell a flake from a break and to record a trace, never to make a run
 * green. Errors outside any test (global setup or teardown) count as failures too.
 */
export function playwrightCounts(json) {
  if (!json?.stats) return null;
  const { expected = 0, unexpected = 0, flaky = 0, skipped = 0 } = json.stats;
  return { passed: expected, failed: unexpected + flaky + (json.errors?.length ?? 0), skipped };
}

export const vitestCountsFromFile = (file) => vitestCounts(readJson(file));
export const playwrightCountsFromFile = (file) => playwrightCounts(readJson(file));
