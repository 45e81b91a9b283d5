import 'server-only';
import { counter, gauge } from './registry';

/** A sync job that ended in failure (this process's runs; the error code stays in the logs). */
export function recordIndexSyncError(job: string): void {
  counter('index_sync_errors_total', 'Index sync runs that failed, per job.', ['job']).inc({ job });
}

/**
 * Seconds since each job's last successful sync, from the database (any instance may have run
 * it), set at each scrape. A job that never succeeded is left out: an alert on `absent()` or on
 * a growing lag catches both.
 */
export function observeIndexSyncLag(jobs: readonly { job: string; lastSuccessAt: string | null }[], now = Date.now()): void {
  const lag = gauge('index_sync_lag_seconds', 'Seconds since the last successful index sync, per job.', ['job']);
  lag.reset();
  for (const { job, lastSuccessAt } of jobs) {
    if (lastSuccessAt !== null) lag.set({ job }, Math.max(0, (now - Date.parse(lastSuccessAt)) / 1000));
  }
}
