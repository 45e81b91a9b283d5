import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { WebhookDeliveryStatus, WebhookEventType } from '@/lib/shared/webhooks';

/**
 * An HTTPS endpoint an admin registered for some events. The secret is kept as is: it signs
 * every delivery (HMAC), so the server must hold the key itself, and encrypting it with another
 * key held by the same process would protect only a copy of the database, while tying every
 * endpoint to that key's lifetime. It is never logged and never answered after creation or
 * rotation (the DAL's DTO has no secret).
 */
export const webhookEndpoints = pgTable('webhook_endpoints', {
  id: uuid('id').primaryKey().defaultRandom(),
  url: text('url').notNull(),
  description: text('description').notNull().default(''),
  events: text('events').array().$type<WebhookEventType[]>().notNull(),
  /** "Stuck for N days" (with the `work_order.stuck` event only). */
  stuckDays: integer('stuck_days'),
  /**
   * When the stuck check started watching with this N: only work orders that become stuck
   * after it are announced, so a new endpoint is not flooded with every old stuck work order.
   */
  stuckArmedAt: timestamp('stuck_armed_at', { withTimezone: true, mode: 'date' }),
  secret: text('secret').notNull(),
  enabled: boolean('enabled').notNull().default(true),
  /** E-mail of the admin who registered it (no foreign key: history outlives users). */
  createdBy: text('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

export type WebhookEndpointRow = typeof webhookEndpoints.$inferSelect;

/**
 * The outbox: one row per endpoint and event, written in the same step as what caused the
 * event, then sent by whichever instance claims it (`claim`, `next_attempt_at`).
 */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    endpointId: uuid('endpoint_id')
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: 'cascade' }),
    eventType: text('event_type').$type<WebhookEventType>().notNull(),
    eventId: uuid('event_id').notNull(),
    /** When the event happened (the envelope's `createdAt`). */
    eventAt: timestamp('event_at', { withTimezone: true, mode: 'date' }).notNull(),
    /** The event's `data`. */
    payload: jsonb('payload').notNull(),
    /** Makes an event once-only per endpoint (e.g. one stuck episode); null for replays. */
    dedupeKey: text('dedupe_key'),
    status: text('status').$type<WebhookDeliveryStatus>().notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true, mode: 'date' }).notNull(),
    /** The token of the worker sending it now; its result is written only under this token. */
    claim: uuid('claim'),
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true, mode: 'date' }),
    lastDurationMs: integer('last_duration_ms'),
    deliveredAt: timestamp('delivered_at', { withTimezone: true, mode: 'date' }),
    /** The delivery this one replays. */
    replayOf: uuid('replay_of'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    index('webhook_deliveries_due_idx')
      .on(t.nextAttemptAt)
      .where(sql`status in ('pending', 'failed')`),
    index('webhook_deliveries_created_idx').on(t.createdAt, t.id),
    index('webhook_deliveries_endpoint_idx').on(t.endpointId),
    uniqueIndex('webhook_deliveries_dedupe_key').on(t.endpointId, t.dedupeKey),
  ],
);

export type WebhookDeliveryRow = typeof webhookDeliveries.$inferSelect;
