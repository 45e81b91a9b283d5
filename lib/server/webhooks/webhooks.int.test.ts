import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
  // The receiver of these tests listens on 127.0.0.1 (refused otherwise).
  process.env.WEBHOOKS_ALLOW_LOOPBACK = 'true';
});

vi.mock('@/lib/server/dal/authorize', () => import('@/test/fakes/authorize'));

import { listAudit } from '@/lib/server/audit';
import { correctTask } from '@/lib/server/dal/corrections';
import { bulkReview, setReview } from '@/lib/server/dal/review';
import { workOrderToRow } from '@/lib/server/index/row';
import { upsertIndexRows } from '@/lib/server/index/write';
import { createWebhookEndpoint, listWebhookDeliveries, replayWebhookDelivery, updateWebhookEndpoint } from '@/lib/server/dal/webhooks';
import { createWorkOrder, getWorkOrderPage } from '@/lib/server/dal/work-orders';
import { webhookDeliveries } from '@/lib/server/db/schema';
import type { WebhookEnvelope, WebhookEventType } from '@/lib/shared/webhooks';
import { session } from '@/test/fakes/authorize';
import { FLEET, fleetWorkOrder } from '@/test/fixtures/fleet';
import { context, failureOf, forceAnalysis, setUpDalIntegration, testUser } from '@/test/harness/dal';
import { startWebhookReceiver, type WebhookReceiver } from '@/test/harness/webhook-receiver';
import { MAX_ATTEMPTS } from './backoff';
import { enqueueWebhookEvent } from './events';
import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, verifySignature } from './signature';
import { runDeliveries } from './worker';

const admin = testUser('admin');
const supervisor = testUser('supervisor');
const setup = setUpDalIntegration({ signedIn: admin });

let receiver: WebhookReceiver;
beforeAll(async () => {
  receiver = await startWebhookReceiver();
});
afterAll(() => receiver.close());
beforeEach(async () => {
  receiver.received.length = 0;
  receiver.answer.status = 200;
  delete receiver.answer.location;
  await setup.db.execute(sql`delete from webhook_endpoints`);
});

async function register(events: WebhookEventType[], url = receiver.url) {
  session.user = admin;
  return createWebhookEndpoint(context(), { body: async () => ({ url, description: 'ticketing', events }) });
}

const deliveriesOf = async (status?: string) => {
  session.user = admin;
  return (await listWebhookDeliveries(context(), { query: status ? `status=${status}` : '' })).deliveries;
};

const nowSeconds = () => Math.floor(Date.now() / 1000);

describe('webhooks, end to end through the DAL', () => {
  it('sends one signed delivery for a correction the upstream applied, which the receiver verifies', async () => {
    const { secret } = await register(['correction.applied']);
    session.user = supervisor;
    const created = await createWorkOrder(context(), { body: async () => ({ name: `int-hook-${crypto.randomUUID().slice(0, 8)}` }) });
    const group = created.taskGroups.find((g) => g.tasks.some((t) => t.outcomeType === 'Boolean'))!;
    const target = group.tasks.find((t) => t.outcomeType === 'Boolean')!;
    await forceAnalysis(created.id, group.name, { [target.name]: true });
    const page = await getWorkOrderPage(context(), { params: { id: created.id } });
    const task = page.workOrder.taskGroups.flatMap((g) => g.tasks).find((t) => t.id === target.id)!;
    const corrected = await correctTask(context(), {
      params: { id: created.id, taskId: task.id },
      body: async () => ({ correctedValue: false, reason: 'ai_false_positive', comment: 'seen on site' }),
      headers: { 'Idempotency-Key': crypto.randomUUID(), 'If-Match': `"${task.version}"` },
    });

    expect(await runDeliveries(setup.db)).toBe(1);
    expect(receiver.received).toHaveLength(1);
    const [request] = receiver.received;
    expect(verifySignature(secret, request!.headers[SIGNATURE_HEADER.toLowerCase()] as string, request!.body, nowSeconds())).toBe(true);
    expect(verifySignature('whsec_wrong', request!.headers[SIGNATURE_HEADER.toLowerCase()] as string, request!.body, nowSeconds())).toBe(false);
    expect(request!.headers[EVENT_HEADER.toLowerCase()]).toBe('correction.applied');
    const envelope = JSON.parse(request!.body) as WebhookEnvelope<'correction.applied'>;
    expect(envelope).toMatchObject({
      type: 'correction.applied',
      data: {
        workOrderId: created.id,
        taskId: task.id,
        taskGroupName: group.name,
        taskName: task.name,
        correctedValue: false,
        reason: 'ai_false_positive',
        correctedBy: supervisor.email,
        auditId: corrected.body.auditId,
      },
    });
    const [delivery] = await deliveriesOf();
    expect(delivery).toMatchObject({
      id: request!.headers[DELIVERY_HEADER.toLowerCase()],
      status: 'delivered',
      attempts: 1,
      lastStatusCode: 200,
      eventId: envelope.id,
    });
    // Nothing else is due.
    expect(await runDeliveries(setup.db)).toBe(0);
  });

  it('announces a work order marked reviewed, once', async () => {
    await register(['work_order.reviewed']);
    session.user = supervisor;
    const id = crypto.randomUUID();
    await setReview(context(), { params: { id }, body: async () => ({ status: 'reviewed' }) });
    await setReview(context(), { params: { id }, body: async () => ({ status: 'reviewed' }) }); // already reviewed: no news
    await runDeliveries(setup.db);
    expect(receiver.received.map((request) => JSON.parse(request.body) as WebhookEnvelope)).toEqual([
      expect.objectContaining({ type: 'work_order.reviewed', data: expect.objectContaining({ workOrderId: id, reviewedBy: supervisor.email }) }),
    ]);
  });

  it('announces each work order a bulk review marks reviewed, and none it leaves as it was', async () => {
    await register(['work_order.reviewed']);
    const ids = [crypto.randomUUID(), crypto.randomUUID()];
    await upsertIndexRows(
      setup.db,
      ids.map((id) => ({ ...workOrderToRow(fleetWorkOrder(FLEET[0]!)), id })),
    );
    session.user = supervisor;
    await setReview(context(), { params: { id: ids[0]! }, body: async () => ({ status: 'reviewed' }) });
    await runDeliveries(setup.db);
    receiver.received.length = 0;
    await bulkReview(context(), { body: async () => ({ status: 'reviewed', ids }) });
    await runDeliveries(setup.db);
    expect(receiver.received.map((request) => (JSON.parse(request.body) as WebhookEnvelope<'work_order.reviewed'>).data.workOrderId)).toEqual([
      ids[1],
    ]);
  });

  it('retries a failing receiver with backoff, then gives up (dead)', async () => {
    await register(['drift.alarm']);
    receiver.answer.status = 503;
    await enqueueWebhookEvent(setup.db, 'drift.alarm', driftData());
    let now = new Date();
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      expect(await runDeliveries(setup.db, { now })).toBe(1);
      // Not due again before its backoff.
      expect(await runDeliveries(setup.db, { now: new Date(now.getTime() + 1_000) })).toBe(0);
      now = new Date(now.getTime() + 2 * 60 * 60_000);
    }
    expect(await runDeliveries(setup.db, { now: new Date(now.getTime() + 24 * 60 * 60_000) })).toBe(0);
    expect(receiver.received).toHaveLength(MAX_ATTEMPTS);
    const [dead] = await deliveriesOf('dead');
    expect(dead).toMatchObject({ status: 'dead', attempts: MAX_ATTEMPTS, lastStatusCode: 503, lastError: 'http_503', nextAttemptAt: null });
  });

  it('does not follow a redirect: a 3xx is a failed attempt', async () => {
    await register(['drift.alarm']);
    receiver.answer.status = 302;
    receiver.answer.location = 'http://169.254.169.254/latest/meta-data/';
    await enqueueWebhookEvent(setup.db, 'drift.alarm', driftData());
    await runDeliveries(setup.db);
    expect(receiver.received).toHaveLength(1);
    const [failed] = await deliveriesOf('failed');
    expect(failed).toMatchObject({ attempts: 1, lastStatusCode: 302 });
  });

  it('replays a delivery: a new delivery of the same event and payload, audited', async () => {
    await register(['drift.alarm']);
    await enqueueWebhookEvent(setup.db, 'drift.alarm', driftData());
    await runDeliveries(setup.db);
    const [original] = await deliveriesOf();
    session.user = admin;
    const replay = await replayWebhookDelivery(context(), { params: { id: original!.id } });
    expect(replay).toMatchObject({ status: 'pending', replayOf: original!.id, eventId: original!.eventId });
    await runDeliveries(setup.db);
    expect(receiver.received).toHaveLength(2);
    expect(receiver.received[1]!.body).toBe(receiver.received[0]!.body);
    expect(receiver.received[1]!.headers[DELIVERY_HEADER.toLowerCase()]).toBe(replay.id);
    const [row] = await listAudit({ action: 'webhook_delivery_replayed' });
    expect(row).toMatchObject({ actorEmail: admin.email, details: expect.objectContaining({ deliveryId: original!.id, replayId: replay.id }) });
  });

  it('never sends one delivery twice from two workers running at once', async () => {
    await register(['drift.alarm']);
    await register(['drift.alarm']);
    for (let i = 0; i < 15; i += 1) await enqueueWebhookEvent(setup.db, 'drift.alarm', driftData());
    const counts = await Promise.all([
      runDeliveries(setup.db, { limit: 50 }),
      runDeliveries(setup.db, { limit: 50 }),
      runDeliveries(setup.db, { limit: 7 }),
    ]);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(30);
    const ids = receiver.received.map((request) => request.headers[DELIVERY_HEADER.toLowerCase()]);
    expect(ids).toHaveLength(30);
    expect(new Set(ids).size).toBe(30);
    expect(await deliveriesOf('delivered')).toHaveLength(30);
  });

  it('holds the deliveries of a disabled endpoint until it is enabled again', async () => {
    const { endpoint } = await register(['drift.alarm']);
    await enqueueWebhookEvent(setup.db, 'drift.alarm', driftData());
    await updateWebhookEndpoint(context(), { params: { id: endpoint.id }, body: async () => ({ enabled: false }) });
    expect(await runDeliveries(setup.db)).toBe(0);
    await updateWebhookEndpoint(context(), { params: { id: endpoint.id }, body: async () => ({ enabled: true }) });
    expect(await runDeliveries(setup.db)).toBe(1);
    const audit = await listAudit({ action: 'webhook_endpoint_updated' });
    expect(JSON.stringify(audit)).not.toContain('whsec_');
  });

  it('refuses endpoints on private networks, plain http elsewhere, and user:password', async () => {
    session.user = admin;
    const create = (url: string) => failureOf(() => createWebhookEndpoint(context(), { body: async () => ({ url, events: ['drift.alarm'] }) }));
    expect((await create('https://10.0.0.8/hook')).fields).toEqual({ url: 'urlPrivateAddress' });
    expect((await create('https://169.254.169.254/latest')).fields).toEqual({ url: 'urlPrivateAddress' });
    expect((await create('http://hooks.example.com/in')).fields).toEqual({ url: 'urlNotHttps' });
    expect((await create('https://me:pw@hooks.example.com/in')).fields).toEqual({ url: 'urlUserinfo' });
    const stuckWithoutDays = await failureOf(() =>
      createWebhookEndpoint(context(), { body: async () => ({ url: receiver.url, events: ['work_order.stuck'] }) }),
    );
    expect(stuckWithoutDays.fields).toEqual({ stuckDays: 'stuckDaysRequired' });
    expect(await setup.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.status, 'pending'))).toEqual([]);
  });
});

function driftData() {
  return {
    taskGroupName: 'front',
    taskName: 'cable',
    appVersionId: 'v2',
    previousAppVersionId: 'v1',
    overturnRate: 0.25,
    baselineRate: 0.05,
    sampleSize: 200,
    baselineSampleSize: 80,
    test: 'fisher-exact-two-sided' as const,
    correction: 'holm' as const,
    pValue: 0.0004,
    adjustedPValue: 0.002,
  };
}
