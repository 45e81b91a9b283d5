import 'server-only';
import { bootstrapAdmin, DEMO_USERS, seedDemoUsers } from '@/lib/server/auth/seed';
import { isDemoMode, trustedProxies } from '@/lib/server/auth/config';
import { authSecret } from '@/lib/server/auth/secret';
import { getDb } from '@/lib/server/db/client';
import { startIndexSyncLoop } from '@/lib/server/index/sync-scheduler';
import { logger } from '@/lib/server/logger';
import { withLogContext } from '@/lib/server/log-context';
import { startSnapshotLoop } from '@/lib/server/overview/snapshots';
import { MIN_TOKEN_LENGTH, metricsEnabled } from '@/lib/server/metrics/scrape';
import { startWebhookLoop } from '@/lib/server/webhooks/scheduler';

const STARTED = Symbol.for('field-review.started');
type GlobalWithStart = typeof globalThis & { [STARTED]?: Promise<void> };

/**
 * Start-up work, once per process (called from `instrumentation.ts`): open the database and
 * apply migrations, check the session secret, bootstrap the first admin, seed demo users.
 * Other parts add their own start-up steps at the end (e.g. the index sync).
 */
export function startServer(): Promise<void> {
  const store = globalThis as GlobalWithStart;
  // Its log lines carry `job: "startup"`; the loops it starts name their own jobs.
  store[STARTED] ??= withLogContext({ job: 'startup' }, runStartup);
  return store[STARTED];
}

/**
 * `startServer()` for `instrumentation.ts`. In production a server that cannot open its
 * database or has no session secret must not linger answering 500s: it exits, so the
 * supervisor (systemd, Docker, Kubernetes) sees the failure and the log says why.
 */
export async function startServerOrExit(): Promise<void> {
  try {
    await startServer();
  } catch (error) {
    logger.fatal({ event: 'startup_failed', err: error }, 'Field Review cannot start');
    if (process.env.NODE_ENV === 'production') process.exit(1);
    throw error;
  }
}

async function runStartup(): Promise<void> {
  const db = await getDb();
  authSecret(); // fails fast in production without a secret; logs when a demo one is made
  const proxies = trustedProxies(); // a typo in TRUSTED_PROXIES stops the start, with its entry named
  logger.info(
    { event: 'client_address', trustedProxies: process.env.TRUSTED_PROXIES ?? null },
    proxies ? 'client addresses: X-Forwarded-For is believed from TRUSTED_PROXIES only' : 'client addresses: the TCP peer (no TRUSTED_PROXIES)',
  );
  if (process.env.METRICS_TOKEN && !metricsEnabled()) {
    logger.warn({ event: 'metrics_off', minLength: MIN_TOKEN_LENGTH }, 'METRICS_TOKEN is too short: /api/metrics stays off');
  }
  const admin = await bootstrapAdmin(db);
  if (admin === 'created') logger.info({ event: 'first_admin_created', email: process.env.ADMIN_EMAIL }, 'created the first admin from ADMIN_EMAIL');
  if (isDemoMode()) {
    await seedDemoUsers(db);
    // The password itself stays out of the log: it is DEMO_PASSWORD (README, .env.example).
    logger.info(
      { event: 'demo_users', users: DEMO_USERS.map((user) => `${user.email} (${user.role})`) },
      'demo users ready, with the DEMO_PASSWORD password (DEMO mode: never in production)',
    );
  }
  // The work-order index sync (once per process; off with INDEX_SYNC=off).
  startIndexSyncLoop();
  // The overview's daily snapshots (once per process; off with INDEX_SYNC=off).
  startSnapshotLoop();
  // Webhook deliveries and the stuck check (once per process, on every instance).
  startWebhookLoop();
}
