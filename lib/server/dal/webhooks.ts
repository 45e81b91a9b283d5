import 'server-only';
import { randomBytes } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '@/lib/server/audit';
import { getDb, type Db } from '@/lib/server/db/client';
import { webhookDeliveries, webhookEndpoints, type WebhookEndpointRow } from '@/lib/server/db/schema';
import { AppError } from '@/lib/server/http/errors';
import { checkWebhookUrl } from '@/lib/server/webhooks/url-rules';
import {
  STUCK_DAYS_MAX,
  STUCK_DAYS_MIN,
  WEBHOOK_DELIVERY_STATUSES,
  WEBHOOK_EVENTS,
  type WebhookDeliveriesDto,
  type WebhookDeliveryDto,
  type WebhookEndpointDto,
  type WebhookEndpointWithSecretDto,
} from '@/lib/shared/webhooks';
import { isUuid } from '@/lib/server/deepomatic/ids';
import { operation } from './operation';
import { searchParamsSchema, uuidParam } from './validation';

/**
 * Webhook endpoints and their deliveries, admins only; every change is audited (never with the
 * secret). Field messages are keys of the `webhooks.errors` catalogue, which the page localises.
 */

/** Deliveries the page lists at most (newest first). */
export const DELIVERIES_SHOWN = 100;

const unknownField = { error: (issue: { code: string }) => (issue.code === 'unrecognized_keys' ? 'unknownField' : undefined) };
const url = z.string({ error: 'urlInvalid' }).trim().min(1, { error: 'urlInvalid' }).max(2_048, { error: 'urlInvalid' });
const description = z
  .string({ error: 'descriptionInvalid' })
  .trim()
  .max(200, { error: 'descriptionInvalid' })
  .refine((value) => !/[\u0000-\u001f\u007f]/.test(value), { error: 'descriptionInvalid' });
const events = z
  .array(z.enum(WEBHOOK_EVENTS, { error: 'eventsInvalid' }), { error: 'eventsInvalid' })
  .min(1, { error: 'eventsRequired' })
  .max(WEBHOOK_EVENTS.length, { error: 'eventsInvalid' })
  .transform((list) => WEBHOOK_EVENTS.filter((event) => list.includes(event)));
const stuckDays = z
  .number({ error: 'stuckDaysInvalid' })
  .int({ error: 'stuckDaysInvalid' })
  .min(STUCK_DAYS_MIN, { error: 'stuckDaysInvalid' })
  .max(STUCK_DAYS_MAX, { error: 'stuckDaysInvalid' })
  .nullable();

export const createEndpointInput = z
  .strictObject({ url, description: description.optional(), events, stuckDays: stuckDays.optional() }, unknownField)
  .refine((value) => !value.events.includes('work_order.stuck') || value.stuckDays != null, { error: 'stuckDaysRequired', path: ['stuckDays'] });

export const updateEndpointInput = z
  .strictObject(
    {
      url: url.optional(),
      description: description.optional(),
      events: events.optional(),
      stuckDays: stuckDays.optional(),
      enabled: z.boolean({ error: 'enabledInvalid' }).optional(),
    },
    unknownField,
  )
  .refine((value) => Object.keys(value).length > 0, { error: 'nothingToChange' });

const idParams = z.object({ id: uuidParam });

const deliveriesQuery = searchParamsSchema((params) => {
  const status = params.get('status') || null;
  const endpoint = params.get('endpoint') || null;
  const fields: Record<string, string> = {};
  if (status !== null && !(WEBHOOK_DELIVERY_STATUSES as readonly string[]).includes(status)) fields.status = 'invalid_option';
  if (endpoint !== null && !isUuid(endpoint)) fields.endpoint = 'invalid_format';
  if (Object.keys(fields).length > 0) return { ok: false, fields };
  return { ok: true, value: { status: status as WebhookDeliveryDto['status'] | null, endpoint: endpoint?.toLowerCase() ?? null } };
});

function newSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

function toDto(row: WebhookEndpointRow): WebhookEndpointDto {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    events: row.events,
    stuckDays: row.stuckDays,
    enabled: row.enabled,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** What the audit log keeps of an endpoint: everything but its secret. */
function audited(dto: WebhookEndpointDto) {
  return { url: dto.url, description: dto.description, events: dto.events, stuckDays: dto.stuckDays, enabled: dto.enabled };
}

async function refuseBadUrl(value: string): Promise<void> {
  const problem = await checkWebhookUrl(value);
  if (problem) throw new AppError('validation_failed', { fields: { url: problem } });
}

async function endpointRow(id: string): Promise<WebhookEndpointRow> {
  const [row] = await (await getDb()).select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id));
  if (!row) throw new AppError('not_found');
  return row;
}

/** GET /api/admin/webhooks/endpoints — every endpoint, oldest first (no secrets). */
export const listWebhookEndpoints = operation({
  role: 'admin',
  scope: { none: 'webhook endpoints and deliveries: admins only, and admins see every work order' },
  async run(): Promise<WebhookEndpointDto[]> {
    const rows = await (await getDb()).select().from(webhookEndpoints).orderBy(webhookEndpoints.createdAt, webhookEndpoints.id);
    return rows.map(toDto);
  },
});

/** POST /api/admin/webhooks/endpoints — register an endpoint; the answer holds its secret, shown this once. */
export const createWebhookEndpoint = operation({
  role: 'admin',
  scope: { none: 'webhook endpoints and deliveries: admins only, and admins see every work order' },
  input: { body: createEndpointInput },
  async run({ user, input, ctx }): Promise<WebhookEndpointWithSecretDto> {
    const body = input.body;
    await refuseBadUrl(body.url);
    const db = await getDb();
    const now = new Date();
    const watchesStuck = body.events.includes('work_order.stuck');
    const secret = newSecret();
    const [row] = await db
      .insert(webhookEndpoints)
      .values({
        url: body.url,
        description: body.description ?? '',
        events: body.events,
        stuckDays: watchesStuck ? body.stuckDays! : null,
        stuckArmedAt: watchesStuck ? now : null,
        secret,
        createdBy: user.email,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    const endpoint = toDto(row!);
    await recordAudit(
      {
        actorId: user.id,
        actorEmail: user.email,
        action: 'webhook_endpoint_created',
        after: audited(endpoint),
        outcome: 'succeeded',
        requestId: ctx.requestId,
        details: { endpointId: endpoint.id },
      },
      db,
    );
    return { endpoint, secret };
  },
});

/** PATCH /api/admin/webhooks/endpoints/:id — change the URL, description, events, N days, or enable/disable. */
export const updateWebhookEndpoint = operation({
  role: 'admin',
  scope: { none: 'webhook endpoints and deliveries: admins only, and admins see every work order' },
  input: { params: idParams, body: updateEndpointInput },
  async run({ user, input, ctx }): Promise<WebhookEndpointDto> {
    const body = input.body;
    const current = await endpointRow(input.params.id);
    if (body.url !== undefined && body.url !== current.url) await refuseBadUrl(body.url);
    const events = body.events ?? current.events;
    const watchesStuck = events.includes('work_order.stuck');
    const stuckDays = watchesStuck ? (body.stuckDays !== undefined ? body.stuckDays : current.stuckDays) : null;
    if (watchesStuck && stuckDays == null) throw new AppError('validation_failed', { fields: { stuckDays: 'stuckDaysRequired' } });
    const now = new Date();
    // A new N (or the stuck event newly chosen) starts watching afresh: see `stuckArmedAt`.
    const rearm = watchesStuck && (stuckDays !== current.stuckDays || current.stuckArmedAt === null);
    const db = await getDb();
    const [row] = await db
      .update(webhookEndpoints)
      .set({
        url: body.url ?? current.url,
        description: body.description ?? current.description,
        events,
        stuckDays,
        stuckArmedAt: watchesStuck ? (rearm ? now : current.stuckArmedAt) : null,
        enabled: body.enabled ?? current.enabled,
        updatedAt: now,
      })
      .where(eq(webhookEndpoints.id, current.id))
      .returning();
    if (!row) throw new AppError('not_found');
    const endpoint = toDto(row);
    await recordAudit(
      {
        actorId: user.id,
        actorEmail: user.email,
        action: 'webhook_endpoint_updated',
        before: audited(toDto(current)),
        after: audited(endpoint),
        outcome: 'succeeded',
        requestId: ctx.requestId,
        details: { endpointId: endpoint.id },
      },
      db,
    );
    return endpoint;
  },
});

/** POST /api/admin/webhooks/endpoints/:id/secret — a new secret (the old one stops at once), shown this once. */
export const rotateWebhookSecret = operation({
  role: 'admin',
  scope: { none: 'webhook endpoints and deliveries: admins only, and admins see every work order' },
  input: { params: idParams },
  async run({ user, input, ctx }): Promise<WebhookEndpointWithSecretDto> {
    const db = await getDb();
    const secret = newSecret();
    const [row] = await db
      .update(webhookEndpoints)
      .set({ secret, updatedAt: new Date() })
      .where(eq(webhookEndpoints.id, input.params.id))
      .returning();
    if (!row) throw new AppError('not_found');
    await recordAudit(
      {
        actorId: user.id,
        actorEmail: user.email,
        action: 'webhook_secret_rotated',
        outcome: 'succeeded',
        requestId: ctx.requestId,
        details: { endpointId: row.id, url: row.url },
      },
      db,
    );
    return { endpoint: toDto(row), secret };
  },
});

/** DELETE /api/admin/webhooks/endpoints/:id — the endpoint and its deliveries. */
export const deleteWebhookEndpoint = operation({
  role: 'admin',
  scope: { none: 'webhook endpoints and deliveries: admins only, and admins see every work order' },
  input: { params: idParams },
  async run({ user, input, ctx }): Promise<{ deleted: true }> {
    const db = await getDb();
    const [row] = await db.delete(webhookEndpoints).where(eq(webhookEndpoints.id, input.params.id)).returning();
    if (!row) throw new AppError('not_found');
    await recordAudit(
      {
        actorId: user.id,
        actorEmail: user.email,
        action: 'webhook_endpoint_deleted',
        before: audited(toDto(row)),
        outcome: 'succeeded',
        requestId: ctx.requestId,
        details: { endpointId: row.id },
      },
      db,
    );
    return { deleted: true };
  },
});

const deliveryColumns = {
  id: webhookDeliveries.id,
  endpointId: webhookDeliveries.endpointId,
  endpointUrl: webhookEndpoints.url,
  eventType: webhookDeliveries.eventType,
  eventId: webhookDeliveries.eventId,
  status: webhookDeliveries.status,
  attempts: webhookDeliveries.attempts,
  lastStatusCode: webhookDeliveries.lastStatusCode,
  lastError: webhookDeliveries.lastError,
  lastAttemptAt: webhookDeliveries.lastAttemptAt,
  lastDurationMs: webhookDeliveries.lastDurationMs,
  nextAttemptAt: webhookDeliveries.nextAttemptAt,
  deliveredAt: webhookDeliveries.deliveredAt,
  replayOf: webhookDeliveries.replayOf,
  createdAt: webhookDeliveries.createdAt,
};

function selectDeliveries(db: Db) {
  return db.select(deliveryColumns).from(webhookDeliveries).innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId));
}

type DeliveryRow = Awaited<ReturnType<typeof selectDeliveries>>[number];

function toDeliveryDto(row: DeliveryRow): WebhookDeliveryDto {
  const settled = row.status === 'delivered' || row.status === 'dead';
  return {
    ...row,
    lastAttemptAt: row.lastAttemptAt?.toISOString() ?? null,
    nextAttemptAt: settled ? null : row.nextAttemptAt.toISOString(),
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

/** GET /api/admin/webhooks/deliveries[?status=&endpoint=] — the newest deliveries, filtered by status or endpoint. */
export const listWebhookDeliveries = operation({
  role: 'admin',
  scope: { none: 'webhook endpoints and deliveries: admins only, and admins see every work order' },
  input: { query: deliveriesQuery },
  async run({ input }): Promise<WebhookDeliveriesDto> {
    const { status, endpoint } = input.query;
    const rows = await selectDeliveries(await getDb())
      .where(and(status ? eq(webhookDeliveries.status, status) : undefined, endpoint ? eq(webhookDeliveries.endpointId, endpoint) : undefined))
      .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
      .limit(DELIVERIES_SHOWN);
    return { deliveries: rows.map(toDeliveryDto) };
  },
});

/**
 * POST /api/admin/webhooks/deliveries/:id/replay — sends a delivery's event again: a new
 * delivery to the same endpoint with the same event id and payload (receivers that keep event
 * ids see it is the same event), due now.
 */
export const replayWebhookDelivery = operation({
  role: 'admin',
  scope: { none: 'webhook endpoints and deliveries: admins only, and admins see every work order' },
  input: { params: idParams },
  async run({ user, input, ctx }): Promise<WebhookDeliveryDto> {
    const db = await getDb();
    const now = new Date();
    const replayed = await db.transaction(async (tx) => {
      const [original] = await tx.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, input.params.id));
      if (!original) throw new AppError('not_found');
      const [row] = await tx
        .insert(webhookDeliveries)
        .values({
          endpointId: original.endpointId,
          eventType: original.eventType,
          eventId: original.eventId,
          eventAt: original.eventAt,
          payload: original.payload,
          nextAttemptAt: now,
          replayOf: original.id,
          createdAt: now,
        })
        .returning({ id: webhookDeliveries.id });
      await recordAudit(
        {
          actorId: user.id,
          actorEmail: user.email,
          action: 'webhook_delivery_replayed',
          outcome: 'succeeded',
          requestId: ctx.requestId,
          details: {
            deliveryId: original.id,
            replayId: row!.id,
            endpointId: original.endpointId,
            eventType: original.eventType,
            eventId: original.eventId,
          },
        },
        tx,
      );
      return row!.id;
    });
    const [row] = await selectDeliveries(db).where(eq(webhookDeliveries.id, replayed));
    return toDeliveryDto(row!);
  },
});
