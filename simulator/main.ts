/**
 * `npm run simulator`: the simulator as a long-running process.
 * Env: SIMULATOR_PORT (4010), SIMULATOR_HOST (127.0.0.1), SIMULATOR_SEED, SIMULATOR_WORK_ORDERS
 * (2000), SIMULATOR_API_KEYS (demo-key), SIMULATOR_ADMIN_TOKEN (sim-admin), SIMULATOR_APP
 * (network|fiber), SIMULATOR_NOW, SIMULATOR_PUBLIC_URL, SIMULATOR_ANALYZE_DELAY_MS (0),
 * SIMULATOR_CALLBACK_DELAY_MS (50), SIMULATOR_LOG (1), SIMULATOR_PROFILE (full|documented),
 * SIMULATOR_NAME_PATTERN (0), SIMULATOR_LIST_IGNORES and SIMULATOR_LIST_ROWS (the profile's);
 * flags --fixture FILE, --app, --work-orders, --profile.
 */
import { listIgnoresFrom, listRowsFrom, PROFILE_NAMES, type ProfileName } from './profile';
import { startSimulator } from './server';

function profileName(value: string | undefined): ProfileName | undefined {
  if (value === undefined || value === '') return undefined;
  if (!(PROFILE_NAMES as readonly string[]).includes(value))
    throw new Error(`SIMULATOR_PROFILE must be ${PROFILE_NAMES.join(' or ')}, got "${value}"`);
  return value as ProfileName;
}

function argument(name: string): string | undefined {
  const args = process.argv.slice(2);
  const index = args.indexOf(name);
  if (index >= 0) return args[index + 1];
  const inline = args.find((a) => a.startsWith(`${name}=`));
  return inline?.slice(name.length + 1);
}

function integer(value: string | undefined, name: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`${name} must be a non-negative integer, got "${value}"`);
  return parsed;
}

async function main(): Promise<void> {
  const env = process.env;
  const fixture = argument('--fixture') ?? env.SIMULATOR_FIXTURE;
  const started = Date.now();
  const simulator = await startSimulator({
    port: integer(env.SIMULATOR_PORT, 'SIMULATOR_PORT') ?? 4010,
    host: env.SIMULATOR_HOST || '127.0.0.1',
    seed: env.SIMULATOR_SEED || undefined,
    workOrders: integer(argument('--work-orders') ?? env.SIMULATOR_WORK_ORDERS, 'SIMULATOR_WORK_ORDERS'),
    apiKeys: (env.SIMULATOR_API_KEYS || 'demo-key')
      .split(',')
      .map((k) => k.trim())
      .filter(Boolean),
    adminToken: env.SIMULATOR_ADMIN_TOKEN || 'sim-admin',
    app: argument('--app') ?? (env.SIMULATOR_APP || undefined),
    now: env.SIMULATOR_NOW || undefined,
    publicUrl: env.SIMULATOR_PUBLIC_URL || undefined,
    analyzeDelayMs: integer(env.SIMULATOR_ANALYZE_DELAY_MS, 'SIMULATOR_ANALYZE_DELAY_MS'),
    callbackDelayMs: integer(env.SIMULATOR_CALLBACK_DELAY_MS, 'SIMULATOR_CALLBACK_DELAY_MS'),
    fixture,
    log: env.SIMULATOR_LOG !== '0',
    profile: profileName(argument('--profile') ?? env.SIMULATOR_PROFILE),
    namePattern: env.SIMULATOR_NAME_PATTERN === '1',
    list: { ignores: listIgnoresFrom(env.SIMULATOR_LIST_IGNORES), rows: listRowsFrom(env.SIMULATOR_LIST_ROWS) },
  });
  const { site, store } = simulator.simulation;
  console.log(
    `simulator: app "${site.app.key}" (${site.app.name}), profile ${simulator.profile}, site ${site.siteId}, ${store.size} work orders, ready in ${Date.now() - started} ms`,
  );
  console.log(`simulator listening on ${simulator.url}`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`simulator: ${signal} received, stopping`);
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    void simulator.close().then(() => process.exit(0));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(`simulator: failed to start: ${(error as Error).message}`);
  process.exit(1);
});
