import 'server-only';
import { getDb, withAdvisoryLock } from '@/lib/server/db/client';
import { SYNC_LOCK_KEY } from '@/lib/server/index/sync';
import { logger } from '@/lib/server/logger';
import { refreshDoubt, type DoubtRefreshResult } from './refresh';

const RUNNING = Symbol.for('field-review.doubt-refresh');
type GlobalWithRefresh = typeof globalThis & { [RUNNING]?: Promise<DoubtRefreshResult | null> };

/**
 * Rescores the stale rows now, in the background (after a weight change), under the sync's lock:
 * one writer of scores at a time across every instance. When a sync holds the lock, its own
 * refresh at the end of the pass picks the rows up (they are marked stale in the database).
 */
export function startDoubtRefresh(): Promise<DoubtRefreshResult | null> {
  const store = globalThis as GlobalWithRefresh;
  const previous = store[RUNNING] ?? Promise.resolve(null);
  const next = previous
    .catch(() => null)
    .then(async () => {
      const db = await getDb();
      const outcome = await withAdvisoryLock(SYNC_LOCK_KEY, () => refreshDoubt(db, { rates: false }));
      return outcome.acquired ? outcome.value : null;
    })
    .catch((error: unknown) => {
      logger.error({ err: error }, 'doubt refresh failed');
      return null;
    });
  store[RUNNING] = next;
  void next.finally(() => {
    if (store[RUNNING] === next) delete store[RUNNING];
  });
  return next;
}
