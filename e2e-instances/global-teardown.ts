import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { signalGroup } from '../e2e/servers';
import { INSTANCES_DIR, INSTANCES_ENV_FILE, instancesEnv } from './env';

/** Stops the instances, the simulator and PostgreSQL; no log may show the API key. */
export default async function globalTeardown() {
  const state = globalThis.__fieldReviewInstances;
  if (state) {
    for (const server of [...state.servers].reverse()) await server.stop();
    await state.stopPostgres();
    for (const dir of state.dataDirs) rmSync(dir, { recursive: true, force: true });
  }
  if (!existsSync(INSTANCES_ENV_FILE)) return; // the setup failed before writing it
  const env = instancesEnv();
  if (!state) for (const pid of env.pids) signalGroup(pid, 'SIGTERM');
  const leaks = readdirSync(INSTANCES_DIR)
    .filter((name) => name.endsWith('.log'))
    .filter((name) => readFileSync(path.join(INSTANCES_DIR, name), 'utf8').includes(env.canary));
  if (leaks.length) throw new Error(`the Deepomatic API key (canary) is in ${leaks.join(', ')}`);
}
