import 'server-only';
import { sql } from 'drizzle-orm';
import { isAdvisoryLockHeld, type Db } from '@/lib/server/db/client';
import { indexSyncState, workOrderIndex } from '@/lib/server/db/schema';
import { INSTANCE_ID } from '@/lib/server/instance';
import { mergeFindings, type ListFindings } from './list-findings';
import { isSyncRunning } from './sync-scheduler';
import { SYNC_LOCK_KEY, type SyncJob } from './sync';

export interface IndexStatus {
  total: number;
  /** The instance that answered (host:pid): several may share the database. */
  instance: string;
  jobs: {
    job: SyncJob;
    /** Whether a run of the job is under way, on this instance or another one. */
    running: boolean;
    /** The instance running it now, when one is. */
    runningOn: string | null;
    /** The instance that ran its last finished run. */
    lastRunOn: string | null;
    lastSuccessAt: string | null;
    lastErrorAt: string | null;
    lastError: string | null;
    lastIndexed: number;
    lastRemoved: number;
    /** Work orders the last run left out because the database refused their data. */
    lastSkipped: number;
    lastDurationMs: number | null;
    resumeFromPage: number | null;
  }[];
  /** The later of the two jobs' last success: what "last synced" shows. */
  lastSyncedAt: string | null;
  /** What the last run of each job saw of the upstream list's behaviour, together. */
  listFindings: ListFindings;
}

/** How fresh the index is: its size and each job's last run, as the admin page and the list show it. */
export async function indexStatus(db: Db): Promise<IndexStatus> {
  const [{ total }] = await db.select({ total: sql<number>`count(*)::int` }).from(workOrderIndex);
  const rows = await db.select().from(indexSyncState);
  // A run records its instance when it starts and clears it when it ends; an instance stopped
  // mid-run cannot clear it, but its lock went with its connection, so the lock decides.
  const lockHeld = rows.some((row) => row.runningOn !== null) && (await isAdvisoryLockHeld(SYNC_LOCK_KEY));
  const jobs = (['full', 'incremental'] as const).map((job) => {
    const row = rows.find((candidate) => candidate.job === job);
    const runningOn = lockHeld ? (row?.runningOn ?? null) : null;
    return {
      job,
      running: isSyncRunning(job) || runningOn !== null,
      runningOn,
      lastRunOn: row?.lastRunOn ?? null,
      lastSuccessAt: row?.lastSuccessAt?.toISOString() ?? null,
      lastErrorAt: row?.lastErrorAt?.toISOString() ?? null,
      lastError: row?.lastError ?? null,
      lastIndexed: row?.lastIndexed ?? 0,
      lastRemoved: row?.lastRemoved ?? 0,
      lastSkipped: row?.lastSkipped ?? 0,
      lastDurationMs: row?.lastDurationMs ?? null,
      resumeFromPage: job === 'full' ? (row?.checkpointPage ?? null) : null,
    };
  });
  const successes = jobs.map((job) => job.lastSuccessAt).filter((at): at is string => at !== null);
  return {
    total,
    instance: INSTANCE_ID,
    jobs,
    lastSyncedAt: successes.sort().at(-1) ?? null,
    listFindings: mergeFindings(...rows.map((row) => row.listFindings)),
  };
}
