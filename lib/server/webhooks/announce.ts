import 'server-only';
import { sql } from 'drizzle-orm';
import { getDb, type Db } from '@/lib/server/db/client';
import { selectRows } from '@/lib/server/db/sql';
import type { CorrectionAppliedData } from '@/lib/shared/webhooks';
import { enqueueAfterWrite } from './events';

/**
 * The events other areas announce, each in one call from where it happens. A correction is
 * announced once the upstream applied it (its audit row settled `applied`): that write is the
 * upstream's, so there is no shared transaction, and a failure to enqueue is only logged.
 */
export async function announceCorrectionApplied(data: CorrectionAppliedData): Promise<void> {
  await enqueueAfterWrite(await getDb(), 'correction.applied', data);
}

/**
 * `work_order.reviewed` for each work order in `workOrderIds`, inside the review's own
 * transaction (`tx`): one statement whatever their number (a bulk review may mark thousands),
 * one event id per work order shared by every endpoint's delivery. Returns how many deliveries.
 */
export async function announceWorkOrdersReviewed(tx: Db, workOrderIds: readonly string[], reviewedBy: string, reviewedAt: Date): Promise<number> {
  if (workOrderIds.length === 0) return 0;
  const at = sql`${reviewedAt.toISOString()}::timestamptz`;
  const rows = await selectRows<{ id: string }>(
    tx,
    sql`with events as materialized (
          select id as work_order_id, gen_random_uuid() as event_id
            from json_array_elements_text(${JSON.stringify(workOrderIds)}::json) as id
        )
        insert into webhook_deliveries (endpoint_id, event_type, event_id, event_at, payload, next_attempt_at, created_at)
        select e.id, 'work_order.reviewed', v.event_id, ${at},
               jsonb_build_object('workOrderId', v.work_order_id, 'reviewedBy', ${reviewedBy}::text,
                                  'reviewedAt', ${reviewedAt.toISOString()}::text),
               ${at}, ${at}
          from events v cross join webhook_endpoints e
         where e.enabled and 'work_order.reviewed' = any (e.events)
        returning id`,
  );
  return rows.length;
}
