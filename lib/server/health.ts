import 'server-only';
import { sql } from 'drizzle-orm';
import packageJson from '@/package.json';
import { getHandle } from '@/lib/server/db/client';
import { checkUpstream } from '@/lib/server/deepomatic';

/**
 * What `GET /api/health` reports: is the app up, can it reach its database and Deepomatic.
 * Anyone may call it (load balancers, uptime checks), so it says nothing an attacker could
 * use: no URL, no host, no key, no error text — only booleans, latencies and the breaker state.
 */
export interface Health {
  status: 'ok' | 'degraded' | 'down';
  app: { version: string };
  database: { ok: boolean; latencyMs: number | null; driver: 'pglite' | 'postgres' };
  upstream: { ok: boolean; latencyMs: number | null; breaker: string };
}

const DATABASE_TIMEOUT_MS = 3_000;
const UPSTREAM_TIMEOUT_MS = 5_000;
/** Health is unauthenticated: answers are reused briefly so probes cannot be turned into load. */
const REUSE_MS = 2_000;

let recent: { at: number; health: Promise<Health> } | null = null;

export function checkHealth(requestId?: string): Promise<Health> {
  const now = Date.now();
  if (recent && now - recent.at < REUSE_MS) return recent.health;
  const health = measure(requestId);
  recent = { at: now, health };
  return health;
}

/** For tests: forget the last answer. */
export function resetHealthCache(): void {
  recent = null;
}

async function measure(requestId?: string): Promise<Health> {
  const [database, upstream] = await Promise.all([checkDatabase(), checkUpstreamSafely(requestId)]);
  return {
    status: !database.ok ? 'down' : upstream.ok ? 'ok' : 'degraded',
    app: { version: packageJson.version },
    database,
    upstream,
  };
}

async function checkDatabase(): Promise<Health['database']> {
  const driver = process.env.DATABASE_URL ? 'postgres' : 'pglite';
  const started = performance.now();
  try {
    const handle = await withTimeout(getHandle(), DATABASE_TIMEOUT_MS);
    await withTimeout(handle.db.execute(sql`select 1`), DATABASE_TIMEOUT_MS);
    return { ok: true, latencyMs: elapsed(started), driver: handle.driver };
  } catch {
    return { ok: false, latencyMs: null, driver };
  }
}

async function checkUpstreamSafely(requestId?: string): Promise<Health['upstream']> {
  try {
    const result = await checkUpstream({ requestId, signal: AbortSignal.timeout(UPSTREAM_TIMEOUT_MS) });
    return { ok: result.ok, latencyMs: result.ok ? result.latencyMs : null, breaker: result.breaker };
  } catch {
    return { ok: false, latencyMs: null, breaker: 'unknown' };
  }
}

function elapsed(started: number): number {
  return Math.round(performance.now() - started);
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
