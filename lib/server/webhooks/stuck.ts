import 'server-only';
import { sql } from 'drizzle-orm';
import type { Db } from '@/lib/server/db/client';
import { selectRows } from '@/lib/server/db/sql';

/** Stuck work orders announced per check at most; the rest come with the next checks. */
export const STUCK_BATCH = 1_000;

/**
 * Enqueues `work_order.stuck` for every endpoint that asked for it: a work order is stuck as
 * on the overview (not complete, `progress_score < 100`, and not updated for the endpoint's N
 * days). One delivery per endpoint, work order and stuck episode: the episode is named by the
 * work order's update date (`dedupe_key`), so an update that leaves it stuck again starts a new
 * one. Only work orders that became stuck since the endpoint started watching with this N are
 * announced. Safe on several instances at once (the unique key). Returns how many were enqueued.
 */
export async function enqueueStuckWorkOrders(db: Db, now: Date = new Date()): Promise<number> {
  const at = sql`${now.toISOString()}::timestamptz`;
  const rows = await selectRows<{ id: string }>(
    db,
    sql`insert into webhook_deliveries (endpoint_id, event_type, event_id, event_at, payload, dedupe_key, next_attempt_at, created_at)
        select s.endpoint_id, 'work_order.stuck', gen_random_uuid(), ${at}, s.payload, s.dedupe_key, ${at}, ${at}
          from (
            select e.id as endpoint_id,
                   'stuck:' || w.id || ':' || to_char(w.update_date at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') as dedupe_key,
                   jsonb_build_object(
                     'workOrderId', w.id,
                     'workOrderName', w.name,
                     'progressScore', w.progress_score,
                     'updatedAt', to_char(w.update_date at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                     'stuckDays', e.stuck_days
                   ) as payload
              from webhook_endpoints e
              join work_order_index w
                on w.progress_score < 100
               and w.update_date < ${at} - make_interval(days => e.stuck_days)
               and w.update_date >= e.stuck_armed_at - make_interval(days => e.stuck_days)
             where e.enabled and 'work_order.stuck' = any (e.events) and e.stuck_days is not null and e.stuck_armed_at is not null
          ) s
         where not exists (select 1 from webhook_deliveries d where d.endpoint_id = s.endpoint_id and d.dedupe_key = s.dedupe_key)
         limit ${STUCK_BATCH}
        on conflict (endpoint_id, dedupe_key) do nothing
        returning id`,
  );
  return rows.length;
}
