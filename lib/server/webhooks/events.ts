import 'server-only';
import { sql } from 'drizzle-orm';
import type { Db } from '@/lib/server/db/client';
import { selectRows } from '@/lib/server/db/sql';
import { logger } from '@/lib/server/logger';
import type { WebhookEventData, WebhookEventType } from '@/lib/shared/webhooks';

/**
 * Enqueues one event: a delivery for every enabled endpoint subscribed to `type` (the
 * `webhook_enqueue` SQL function, which the conformity trigger uses too). Pass the transaction
 * of the write that causes the event when there is one, so both commit or neither does.
 * Returns how many deliveries were enqueued.
 */
export async function enqueueWebhookEvent<T extends WebhookEventType>(
  db: Db,
  type: T,
  data: WebhookEventData[T],
  at: Date = new Date(),
): Promise<number> {
  const [row] = await selectRows<{ n: number }>(
    db,
    sql`select webhook_enqueue(${type}, ${JSON.stringify(data)}::jsonb, ${at.toISOString()}::timestamptz) as n`,
  );
  return Number(row?.n ?? 0);
}

/**
 * `enqueueWebhookEvent` after a write that already succeeded (upstream or in another
 * transaction): a failure here is logged, never thrown, so the user's operation still answers
 * what happened.
 */
export async function enqueueAfterWrite<T extends WebhookEventType>(db: Db, type: T, data: WebhookEventData[T]): Promise<void> {
  try {
    await enqueueWebhookEvent(db, type, data);
  } catch (error) {
    logger.error({ event: 'webhook_enqueue_failed', type, err: error }, 'could not enqueue a webhook event');
  }
}
