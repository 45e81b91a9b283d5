import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { E2E_DIR, E2E_ENV_FILE, e2eEnv } from './env';
import { signalGroup } from './servers';

/**
 * Stops the servers, then reads everything they printed during the suite: neither the canary
 * API key, the OIDC client secret nor any session cookie of the signed-in test users may appear
 * there: logs hold no secrets (OWASP ASVS 16.2.5). A leak fails the run.
 */
export default async function globalTeardown() {
  if (!existsSync(E2E_ENV_FILE)) return; // the setup failed before starting anything
  const env = e2eEnv();
  const state = globalThis.__fieldReviewE2e;
  if (state) {
    // App first (it may still be talking to the simulator), then the simulator.
    for (const server of [...state.servers].reverse()) await server.stop();
  } else {
    // Teardown in another process than the setup: end the guards' process groups by pid.
    for (const pid of [env.pids.app, env.pids.oidcIssuer, env.pids.simulator]) signalGroup(pid, 'SIGTERM');
  }
  rmSync(env.dataDir, { recursive: true, force: true });

  const secrets = [
    { what: 'the Deepomatic API key (canary)', value: env.canary },
    { what: 'the OIDC client secret', value: env.oidc.clientSecret },
    ...sessionCookies(),
  ];
  const leaks: string[] = [];
  // Every server log of the run (the main pair's and the documented site's).
  const logs = readdirSync(E2E_DIR)
    .filter((name) => name.endsWith('.log'))
    .map((name) => path.join(E2E_DIR, name));
  for (const file of logs) {
    if (!existsSync(file)) continue;
    const text = readFileSync(file, 'utf8');
    for (const secret of secrets) {
      if (text.includes(secret.value)) leaks.push(`${secret.what} in ${path.relative(process.cwd(), file)}`);
    }
  }
  if (leaks.length) throw new Error(`secrets found in the server logs: ${leaks.join('; ')}`);
}

/** Session cookies of the per-role storage states written by e2e/fixtures.ts. */
function sessionCookies(): { what: string; value: string }[] {
  if (!existsSync(E2E_DIR)) return [];
  const found: { what: string; value: string }[] = [];
  for (const file of readdirSync(E2E_DIR).filter((f) => /^auth-.*\.json$/.test(f))) {
    const state = JSON.parse(readFileSync(path.join(E2E_DIR, file), 'utf8')) as { cookies?: { name: string; value: string }[] };
    for (const cookie of state.cookies ?? []) {
      if (/session/.test(cookie.name) && cookie.value.length >= 16) found.push({ what: `the session cookie of ${file}`, value: cookie.value });
    }
  }
  return found;
}
