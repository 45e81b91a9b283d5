import 'server-only';
import { sql } from 'drizzle-orm';
import { aiAccuracy } from '@/lib/server/ai-accuracy/ai-accuracy';
import type { DriftOptions } from '@/lib/server/ai-accuracy/drift';
import { EVERY_WORK_ORDER } from '@/lib/server/ai-accuracy/overturn-rates';
import type { Db } from '@/lib/server/db/client';
import { selectRows } from '@/lib/server/db/sql';
import type { TaskDrift } from '@/lib/shared/ai-accuracy';
import type { DriftAlarmData } from '@/lib/shared/webhooks';

/** The alarm's payload for one drifting task between two versions. */
export function driftAlarmData(task: TaskDrift, previousAppVersionId: string, appVersionId: string): DriftAlarmData {
  return {
    taskGroupName: task.taskGroupName,
    taskName: task.taskName,
    appVersionId,
    previousAppVersionId,
    overturnRate: task.after.rate ?? 0,
    baselineRate: task.before.rate ?? 0,
    sampleSize: task.after.judged,
    baselineSampleSize: task.before.judged,
    test: 'fisher-exact-two-sided',
    correction: 'holm',
    pValue: task.pValue,
    adjustedPValue: task.adjustedPValue,
  };
}

/**
 * Enqueues `drift.alarm` for every endpoint that asked for it, once per endpoint, task and
 * application version (`dedupe_key`): the overview's drift test over every work order, between
 * the two newest versions. Nothing is computed while no enabled endpoint listens. Safe on
 * several instances at once (the unique key). Returns how many deliveries were enqueued.
 */
export async function enqueueDriftAlarms(db: Db, now: Date = new Date(), options: DriftOptions = {}): Promise<number> {
  const [listening] = await selectRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from webhook_endpoints where enabled and 'drift.alarm' = any (events)`,
  );
  if (!listening || Number(listening.n) === 0) return 0;
  const { drift } = await aiAccuracy(db, EVERY_WORK_ORDER, '', options);
  const { latestVersion, previousVersion } = drift;
  if (latestVersion === null || previousVersion === null) return 0;
  const at = sql`${now.toISOString()}::timestamptz`;
  let enqueued = 0;
  for (const task of drift.tasks.filter((candidate) => candidate.drifting)) {
    const data = driftAlarmData(task, previousVersion, latestVersion);
    const dedupeKey = `drift:${latestVersion}:${JSON.stringify([task.taskGroupName, task.taskName])}`;
    const rows = await selectRows<{ id: string }>(
      db,
      sql`insert into webhook_deliveries (endpoint_id, event_type, event_id, event_at, payload, dedupe_key, next_attempt_at, created_at)
          select e.id, 'drift.alarm', ${crypto.randomUUID()}::uuid, ${at}, ${JSON.stringify(data)}::jsonb, ${dedupeKey}, ${at}, ${at}
            from webhook_endpoints e
           where e.enabled and 'drift.alarm' = any (e.events)
          on conflict (endpoint_id, dedupe_key) do nothing
          returning id`,
    );
    enqueued += rows.length;
  }
  return enqueued;
}
