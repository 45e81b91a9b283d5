import 'server-only';
import { z } from 'zod';
import { recordAudit } from '@/lib/server/audit';
import { getDb } from '@/lib/server/db/client';
import { startSync } from '@/lib/server/index/sync-scheduler';
import { indexStatus, type IndexStatus } from '@/lib/server/index/sync-status';
import { operation } from './operation';

/** GET /api/index/status — how fresh the index is (every signed-in user sees "last synced"). */
export const getIndexStatus = operation({
  role: 'viewer',
  scope: { none: 'the state of the index sync jobs: counts and times, no work order' },
  async run(): Promise<IndexStatus> {
    return indexStatus(await getDb());
  },
});

/**
 * POST /api/index/sync `{full?}` — starts a sync in the background ("sync now").
 * `started: false` when this instance is already running that job; another instance holding
 * the lock makes the run end as `busy` (visible in the status).
 */
export const requestIndexSync = operation({
  role: 'admin',
  scope: { none: 'starts the index sync, which serves every team' },
  input: { body: z.strictObject({ full: z.boolean().default(false) }) },
  async run({ user, input, ctx }): Promise<{ started: boolean; job: 'full' | 'incremental' }> {
    const job = input.body.full ? 'full' : 'incremental';
    const started = startSync(job);
    await recordAudit({
      actorId: user.id,
      actorEmail: user.email,
      action: 'index_sync_requested',
      outcome: 'succeeded',
      requestId: ctx.requestId,
      details: { job, started },
    });
    return { started, job };
  },
});
