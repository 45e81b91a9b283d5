// Finds Debian's Chromium for Playwright, installing it with apt when it is missing and we are
// root (CI runs as root on a fresh machine; `npx playwright install` cannot download here).
import { existsSync } from 'node:fs';
import { run } from './procs.mjs';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Returns null when Chromium is ready, else a message saying what to do. */
export async function ensureChromium({ log = console.log } = {}) {
  if (existsSync(CHROMIUM_PATH)) return null;
  if (process.env.CHROMIUM_PATH) return `CHROMIUM_PATH=${CHROMIUM_PATH} does not exist.`;
  if (process.getuid?.() !== 0) {
    return `Chromium is missing at ${CHROMIUM_PATH}. Install Debian's package once: sudo apt-get update && sudo apt-get install -y chromium (or set CHROMIUM_PATH).`;
  }
  log(`Chromium is missing at ${CHROMIUM_PATH}: installing Debian's chromium package (apt-get)…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if ((await run('apt-get', ['update', '-qq'], { env })) !== 0) return 'apt-get update failed; cannot install chromium.';
  if ((await run('apt-get', ['install', '-y', '-qq', 'chromium'], { env })) !== 0) {
    return 'apt-get install chromium failed.';
  }
  return existsSync(CHROMIUM_PATH) ? null : `chromium was installed but ${CHROMIUM_PATH} is still missing.`;
}
