import 'server-only';
import { logger } from '@/lib/server/logger';
import { runSync, type SyncJob, type SyncOptions } from './sync';

/** The jobs this process is running now (another instance's runs hold the database lock instead). */
const running = new Set<SyncJob>();

export function isSyncRunning(job: SyncJob): boolean {
  return running.has(job);
}

/** Starts `job` in the background unless this process already runs it; true if started. */
export function startSync(job: SyncJob, options: SyncOptions = {}): boolean {
  if (running.has(job)) return false;
  running.add(job);
  void runSync(job, options)
    .catch((error: unknown) => logger.error({ job, err: error }, 'index sync crashed'))
    .finally(() => running.delete(job));
  return true;
}

const LOOP_KEY = Symbol.for('field-review.index-sync-loop');
type GlobalWithLoop = typeof globalThis & { [LOOP_KEY]?: { stop(): void } };

function intervalFromEnv(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value >= 1_000 ? value : fallback;
}

/**
 * The periodic sync, once per process (dev reloads reuse it): a full walk at start (resuming
 * if interrupted) and every `INDEX_RECONCILE_INTERVAL_MS` (default 15 min, deletion
 * detection), incremental every `INDEX_SYNC_INTERVAL_MS` (default 60 s). Off with
 * `INDEX_SYNC=off`. Timers are unref'd so they never keep the process alive.
 */
export function startIndexSyncLoop(): { stop(): void } {
  const store = globalThis as GlobalWithLoop;
  if (store[LOOP_KEY]) return store[LOOP_KEY];
  if (process.env.INDEX_SYNC === 'off' || !process.env.DEEPOMATIC_API_URL) {
    const noop = { stop() {} };
    store[LOOP_KEY] = noop;
    return noop;
  }
  const incrementalMs = intervalFromEnv('INDEX_SYNC_INTERVAL_MS', 60_000);
  const reconcileMs = intervalFromEnv('INDEX_RECONCILE_INTERVAL_MS', 15 * 60_000);
  startSync('full');
  const incremental = setInterval(() => {
    if (!running.has('full')) startSync('incremental');
  }, incrementalMs);
  const reconcile = setInterval(() => startSync('full'), reconcileMs);
  incremental.unref();
  reconcile.unref();
  const loop = {
    stop() {
      clearInterval(incremental);
      clearInterval(reconcile);
      delete store[LOOP_KEY];
    },
  };
  store[LOOP_KEY] = loop;
  return loop;
}
