import 'server-only';
import { getDb } from '@/lib/server/db/client';
import { migrationsApplied } from '@/lib/server/db/migration-status';
import { checkHealth } from '@/lib/server/health';

/**
 * What `GET /api/health/ready` reports: may a load balancer send users to this instance?
 * Ready when the database answers and has every migration of this build; Deepomatic being
 * down makes it `degraded`, still ready (search, history and the overview work from our
 * database). Like the health check, it says nothing an attacker could use: booleans and the
 * breaker state only.
 */
export interface Readiness {
  status: 'ready' | 'degraded' | 'not_ready';
  database: { ok: boolean; migrated: boolean };
  upstream: { ok: boolean; breaker: string };
}

export async function checkReadiness(): Promise<Readiness> {
  // The health check's answer is reused for a moment, so probes of both cost one measurement.
  const [health, migrated] = await Promise.all([checkHealth(), databaseMigrated()]);
  const database = { ok: health.database.ok, migrated: health.database.ok && migrated };
  const upstream = { ok: health.upstream.ok, breaker: health.upstream.breaker };
  const status = !database.migrated ? 'not_ready' : upstream.ok ? 'ready' : 'degraded';
  return { status, database, upstream };
}

async function databaseMigrated(): Promise<boolean> {
  try {
    return await migrationsApplied(await getDb());
  } catch {
    return false;
  }
}
