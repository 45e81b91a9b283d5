import 'server-only';
import { getDb } from '@/lib/server/db/client';
import { withLease } from '@/lib/server/db/lease';
import { AppError } from '@/lib/server/http/errors';

const WAIT_MS = Number(process.env.CORRECTION_LOCK_WAIT_MS) > 0 ? Number(process.env.CORRECTION_LOCK_WAIT_MS) : 10_000;

/**
 * Runs `fn` while holding the per-task lock, so two supervisors correcting the same task
 * cannot both win: the re-read, the version compare and the PATCH happen one request at a
 * time per task, across instances sharing the database. A lease, not an advisory lock: `fn`
 * waits on the upstream, and a held connection per correction in flight starved the pool.
 * Waits a bounded time for a busy lock, then answers 409 `request_in_progress`.
 */
export async function withTaskLock<T>(workOrderId: string, taskId: string, fn: () => Promise<T>): Promise<T> {
  const key = `correction:${workOrderId}:${taskId}`;
  const db = await getDb();
  const deadline = Date.now() + WAIT_MS;
  let delay = 25;
  for (;;) {
    const result = await withLease(db, key, fn);
    if (result.acquired) return result.value;
    if (Date.now() + delay > deadline) throw new AppError('request_in_progress');
    await new Promise((resolve) => setTimeout(resolve, delay));
    delay = Math.min(delay * 2, 250);
  }
}
