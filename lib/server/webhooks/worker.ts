import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '@/lib/server/db/client';
import { webhookDeliveries } from '@/lib/server/db/schema';
import { selectRows } from '@/lib/server/db/sql';
import { logger } from '@/lib/server/logger';
import { recordWebhookAttempt } from '@/lib/server/metrics/webhooks';
import type { WebhookEnvelope, WebhookEventType } from '@/lib/shared/webhooks';
import { nextAttemptAfter } from './backoff';
import { DELIVERY_TIMEOUT_MS, sendDelivery } from './send';

/** Deliveries one pass claims at most, and how many of them are in flight at once. */
export const CLAIM_LIMIT = 20;
export const CONCURRENCY = 4;
/**
 * A claimed delivery is due again after this long: if the instance that claimed it stopped
 * mid-send, another one sends it (at least once). Longer than a send can take.
 */
const LEASE_MS = DELIVERY_TIMEOUT_MS + 50_000;

interface Claimed {
  id: string;
  event_type: WebhookEventType;
  event_id: string;
  event_at: string | Date;
  payload: unknown;
  attempts: number;
  url: string;
  secret: string;
}

/**
 * Claims up to `limit` due deliveries of enabled endpoints in one statement: the rows are
 * locked with `FOR UPDATE SKIP LOCKED` (another instance's pass skips them instead of waiting)
 * and moved past their lease with this pass's token, so no other pass sees them as due.
 * The attempt is counted at the claim, so a crash mid-send still uses one up.
 */
async function claimDue(db: Db, now: Date, limit: number, token: string): Promise<Claimed[]> {
  const leaseEnd = new Date(now.getTime() + LEASE_MS).toISOString();
  return selectRows<Claimed>(
    db,
    sql`with due as (
          select d.id from webhook_deliveries d
            join webhook_endpoints e on e.id = d.endpoint_id and e.enabled
           where d.status in ('pending', 'failed') and d.next_attempt_at <= ${now.toISOString()}::timestamptz
           order by d.next_attempt_at, d.id
           limit ${limit}
           for update of d skip locked
        ), claimed as (
          update webhook_deliveries d
             set claim = ${token}::uuid, attempts = d.attempts + 1, next_attempt_at = ${leaseEnd}::timestamptz
            from due where d.id = due.id
          returning d.id, d.endpoint_id, d.event_type, d.event_id, d.event_at, d.payload, d.attempts
        )
        select c.id, c.event_type, c.event_id, c.event_at, c.payload, c.attempts, e.url, e.secret
          from claimed c join webhook_endpoints e on e.id = c.endpoint_id`,
  );
}

export function envelopeOf(row: { event_id: string; event_type: WebhookEventType; event_at: string | Date; payload: unknown }): WebhookEnvelope {
  return {
    id: row.event_id,
    type: row.event_type,
    createdAt: new Date(row.event_at).toISOString(),
    data: row.payload as WebhookEnvelope['data'],
  };
}

/** Sends one claimed delivery and writes what became of it, under the claim's token. */
async function deliver(db: Db, row: Claimed, token: string, now: Date, options: { timeoutMs?: number; random?: () => number }): Promise<void> {
  const result = await sendDelivery({
    url: row.url,
    secret: row.secret,
    eventType: row.event_type,
    deliveryId: row.id,
    body: JSON.stringify(envelopeOf(row)),
    now: new Date(),
    timeoutMs: options.timeoutMs,
  });
  const common = {
    claim: null,
    lastStatusCode: result.statusCode,
    lastError: result.error,
    lastAttemptAt: now,
    lastDurationMs: result.durationMs,
  };
  const retryAt = result.ok ? null : nextAttemptAfter(row.attempts, now, options.random?.());
  const outcome = result.ok ? 'delivered' : retryAt ? 'failed' : 'dead';
  await db
    .update(webhookDeliveries)
    .set(
      result.ok ? { ...common, status: 'delivered', deliveredAt: now } : { ...common, status: outcome, ...(retryAt && { nextAttemptAt: retryAt }) },
    )
    .where(and(eq(webhookDeliveries.id, row.id), eq(webhookDeliveries.claim, token)));
  recordWebhookAttempt(outcome);
  if (!result.ok) {
    logger.warn(
      {
        event: 'webhook_delivery_failed',
        deliveryId: row.id,
        eventType: row.event_type,
        attempt: row.attempts,
        statusCode: result.statusCode,
        error: result.error,
        outcome,
      },
      'a webhook delivery failed',
    );
  }
}

/**
 * One pass of the delivery worker: claims what is due at `now` and sends it, `CONCURRENCY`
 * at a time. Safe to run on every instance at once. Returns how many deliveries it sent.
 */
export async function runDeliveries(
  db: Db,
  options: { now?: Date; limit?: number; concurrency?: number; timeoutMs?: number; random?: () => number } = {},
): Promise<number> {
  const now = options.now ?? new Date();
  const token = crypto.randomUUID();
  const claimed = await claimDue(db, now, options.limit ?? CLAIM_LIMIT, token);
  let next = 0;
  const worker = async () => {
    while (next < claimed.length) {
      const row = claimed[next++]!;
      await deliver(db, row, token, now, options).catch((error: unknown) =>
        logger.error({ event: 'webhook_settle_failed', deliveryId: row.id, err: error }, 'could not record a webhook delivery'),
      );
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? CONCURRENCY, claimed.length) }, worker));
  return claimed.length;
}
