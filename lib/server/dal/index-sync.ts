import 'server-only';
import { z } from 'zod';
import { recordAudit } from '@/lib/server/audit';
import { getDb } from '@/lib/server/db/client';
import { indexStatus, startSync, type IndexStatus } from '@/lib/server/index/sync';
import { requireRole } from './authorize';
import type { BodyReader, OperationContext } from './context';
import { parseInput } from './validation';

/** GET /api/index/status — how fresh the index is (every signed-in user sees "last synced"). */
export async function getIndexStatus(): Promise<IndexStatus> {
  await requireRole('viewer');
  return indexStatus(await getDb());
}

const syncBody = z.strictObject({ full: z.boolean().default(false) });

/**
 * POST /api/index/sync `{full?}` (admin) — starts a sync in the background ("sync now").
 * `started: false` when this instance is already running that job; another instance holding
 * the lock makes the run end as `busy` (visible in the status).
 */
export async function requestIndexSync(ctx: OperationContext, readBody: BodyReader): Promise<{ started: boolean; job: 'full' | 'incremental' }> {
  const user = await requireRole('admin');
  const body = parseInput(syncBody, await readBody());
  const job = body.full ? 'full' : 'incremental';
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
}
