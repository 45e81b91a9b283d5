import 'server-only';
import { bootstrapAdmin, demoUsersBanner, seedDemoUsers } from '@/lib/server/auth/seed';
import { isDemoMode } from '@/lib/server/auth/config';
import { authSecret } from '@/lib/server/auth/secret';
import { getDb } from '@/lib/server/db/client';
import { startIndexSyncLoop } from '@/lib/server/index/sync';
import { startSnapshotLoop } from '@/lib/server/overview/snapshots';

const STARTED = Symbol.for('field-review.started');
type GlobalWithStart = typeof globalThis & { [STARTED]?: Promise<void> };

/**
 * Start-up work, once per process (called from `instrumentation.ts`): open the database and
 * apply migrations, check the session secret, bootstrap the first admin, seed demo users.
 * Other parts add their own start-up steps at the end (e.g. the index sync).
 */
export function startServer(): Promise<void> {
  const store = globalThis as GlobalWithStart;
  store[STARTED] ??= runStartup();
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
    console.error('[startup] Field Review cannot start:', error instanceof Error ? error.message : error);
    if (process.env.NODE_ENV === 'production') process.exit(1);
    throw error;
  }
}

async function runStartup(): Promise<void> {
  const db = await getDb();
  authSecret(); // fails fast in production without a secret; logs when a demo one is made
  const admin = await bootstrapAdmin(db);
  if (admin === 'created') console.log(`[auth] created the first admin from ADMIN_EMAIL (${process.env.ADMIN_EMAIL}).`);
  if (isDemoMode()) {
    await seedDemoUsers(db);
    console.log(demoUsersBanner());
  }
  // The work-order index sync (once per process; off with INDEX_SYNC=off).
  startIndexSyncLoop();
  // The overview's daily snapshots (once per process; off with INDEX_SYNC=off).
  startSnapshotLoop();
}
