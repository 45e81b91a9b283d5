// Installs the Debian packages the test run needs and lacks (Chromium for Playwright, PostgreSQL
// for the DATABASE_URL run) with one `apt-get update` and one `apt-get install`. CI runs as root
// on a fresh machine; `npx playwright install` cannot download a browser here.
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { run } from './procs.mjs';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Why Chromium cannot be had, or null when it is there or root can install it. */
export function chromiumProblem() {
  if (existsSync(CHROMIUM_PATH)) return null;
  if (process.env.CHROMIUM_PATH) return `CHROMIUM_PATH=${CHROMIUM_PATH} does not exist.`;
  if (!isRoot()) {
    return `Chromium is missing at ${CHROMIUM_PATH}. Install Debian's package once: sudo apt-get update && sudo apt-get install -y chromium (or set CHROMIUM_PATH).`;
  }
  return null;
}

export const isRoot = () => process.getuid?.() === 0;

/**
 * `apt-get update` then `apt-get install packages`, output appended to `logFile`.
 * Resolves with null on success, else what failed and the end of the log.
 */
export async function installDebianPackages(packages, { logFile }) {
  if (packages.length === 0) return null;
  if (!isRoot()) return `installing ${packages.join(', ')} needs root`;
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const fd = openSync(logFile, 'a');
  const stdio = ['ignore', fd, fd];
  try {
    if ((await run('apt-get', ['update', '-qq'], { env, stdio })) !== 0) return `apt-get update failed:\n${tail(logFile)}`;
    if ((await run('apt-get', ['install', '-y', '-qq', ...packages], { env, stdio })) !== 0) {
      return `apt-get install ${packages.join(' ')} failed:\n${tail(logFile)}`;
    }
    return null;
  } finally {
    closeSync(fd);
  }
}

function tail(file, lines = 15) {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
