import 'server-only';
import { withAdvisoryLock } from '@/lib/server/db/client';
import { AppError } from '@/lib/server/http/errors';

const WAIT_MS = Number(process.env.CORRECTION_LOCK_WAIT_MS) > 0 ? Number(process.env.CORRECTION_LOCK_WAIT_MS) : 10_000;

/**
 * Runs `fn` while holding the per-task lock, so two supervisors correcting the same task
 * cannot both win: the re-read, the version compare and the PATCH happen one request at a
 * time per task, across instances sharing the database.
 * Waits a bounded time for a busy lock, then answers 409 `request_in_progress`.
 */
export async function withTaskLock<T>(workOrderId: string, taskId: string, fn: () => Promise<T>): Promise<T> {
  const key = `correction:${workOrderId}:${taskId}`;
  const deadline = Date.now() + WAIT_MS;
  let delay = 25;
  for (;;) {
    const result = await withAdvisoryLock(key, fn);
    if (result.acquired) return result.value;
    if (Date.now() + delay > deadline) throw new AppError('request_in_progress');
    await new Promise((resolve) => setTimeout(resolve, delay));
    delay = Math.min(delay * 2, 250);
  }
}
