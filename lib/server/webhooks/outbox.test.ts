import { eq, sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { webhookDeliveries, webhookEndpoints, workOrderIndex } from '@/lib/server/db/schema';
import { upsertIndexRows } from '@/lib/server/index/write';
import { workOrderToRow } from '@/lib/server/index/row';
import type { WebhookEventType } from '@/lib/shared/webhooks';
import { FLEET, NOW, fleetWorkOrder, idOf } from '@/test/fixtures/fleet';
import { setUpTestDb } from '@/test/harness/db';
import { announceWorkOrdersReviewed } from './announce';
import { enqueueWebhookEvent } from './events';
import { enqueueStuckWorkOrders } from './stuck';

// One database for the file (making one takes seconds); each test starts from empty tables.
const handle = setUpTestDb();
const DAY = 86_400_000;

async function endpoint(events: WebhookEventType[], extra: Partial<typeof webhookEndpoints.$inferInsert> = {}) {
  const [row] = await handle.db
    .insert(webhookEndpoints)
    .values({ url: 'https://hooks.example.test/in', events, secret: 'whsec_test', ...extra })
    .returning();
  return row!;
}

const deliveries = () => handle.db.select().from(webhookDeliveries).orderBy(webhookDeliveries.createdAt);

/** Work order `a` of the fleet with `errors` inputs in conformity error. */
function withConformityErrors(errors: number, updated = FLEET[0]!.updated) {
  const inputs = Array.from({ length: Math.max(errors, 1) }, (_, i) => (i < errors ? 'front!' : 'front')) as Array<'front' | 'front!'>;
  return workOrderToRow(fleetWorkOrder({ ...FLEET[0]!, inputs, updated }), NOW);
}

describe('the webhook outbox', () => {
  beforeEach(async () => {
    await handle.db.execute(sql`delete from webhook_endpoints`);
    await handle.db.execute(sql`delete from work_order_index`);
  });

  it('enqueues one delivery per enabled endpoint subscribed to the event, all with one event id', async () => {
    const a = await endpoint(['correction.applied', 'drift.alarm']);
    const b = await endpoint(['drift.alarm']);
    await endpoint(['drift.alarm'], { enabled: false });
    await endpoint(['work_order.reviewed']);
    const data = {
      taskGroupName: 'front',
      taskName: 'cable',
      appVersionId: 'v2',
      previousAppVersionId: 'v1',
      overturnRate: 0.3,
      baselineRate: 0.1,
      sampleSize: 120,
      baselineSampleSize: 80,
      test: 'fisher-exact-two-sided' as const,
      correction: 'holm' as const,
      pValue: 0.0004,
      adjustedPValue: 0.002,
    };
    expect(await enqueueWebhookEvent(handle.db, 'drift.alarm', data, NOW)).toBe(2);
    const rows = await deliveries();
    expect(rows.map((row) => row.endpointId).sort()).toEqual([a.id, b.id].sort());
    expect(new Set(rows.map((row) => row.eventId)).size).toBe(1);
    expect(rows[0]).toMatchObject({ eventType: 'drift.alarm', payload: data, status: 'pending', attempts: 0, nextAttemptAt: NOW, eventAt: NOW });
  });

  it('announces a rise of a work order’s conformity errors once, when the index writes it', async () => {
    await endpoint(['conformity_error.received']);
    await upsertIndexRows(handle.db, [withConformityErrors(1)]); // first count known: not a rise
    expect(await deliveries()).toHaveLength(0);
    await upsertIndexRows(handle.db, [withConformityErrors(1)]);
    expect(await deliveries()).toHaveLength(0);
    await upsertIndexRows(handle.db, [withConformityErrors(3)]);
    await upsertIndexRows(handle.db, [withConformityErrors(3)]); // the same count again
    await upsertIndexRows(handle.db, [withConformityErrors(2)]); // a fall
    const rows = await deliveries();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.payload).toEqual({
      workOrderId: idOf('a'),
      workOrderName: 'Work order A',
      siteId: 'site-1',
      conformityErrors: 3,
      previousConformityErrors: 1,
    });
    await upsertIndexRows(handle.db, [withConformityErrors(4)]);
    expect(await deliveries()).toHaveLength(2);
  });

  it('announces a work order stuck for the endpoint’s N days once per episode, only if it became stuck after the endpoint started watching', async () => {
    const armed = new Date(NOW.getTime() - DAY);
    const watcher = await endpoint(['work_order.stuck'], { stuckDays: 3, stuckArmedAt: armed });
    const recent = withConformityErrors(0, new Date(NOW.getTime() - 2 * DAY).toISOString()); // stuck from NOW + 1 day
    await upsertIndexRows(handle.db, [{ ...recent, progressScore: 40 }]);
    const old = workOrderToRow(
      fleetWorkOrder({ ...FLEET[0]!, letter: 'z', score: 10, updated: new Date(NOW.getTime() - 30 * DAY).toISOString() }),
      NOW,
    );
    await upsertIndexRows(handle.db, [old]); // stuck long before the endpoint watched

    expect(await enqueueStuckWorkOrders(handle.db, NOW)).toBe(0);
    const later = new Date(NOW.getTime() + 2 * DAY);
    expect(await enqueueStuckWorkOrders(handle.db, later)).toBe(1);
    expect(await enqueueStuckWorkOrders(handle.db, later)).toBe(0);
    const [row] = await deliveries();
    expect(row).toMatchObject({ endpointId: watcher.id, eventType: 'work_order.stuck' });
    expect(row!.payload).toEqual({
      workOrderId: idOf('a'),
      workOrderName: 'Work order A',
      progressScore: 40,
      updatedAt: new Date(NOW.getTime() - 2 * DAY).toISOString(),
      stuckDays: 3,
    });

    // Updated, then stuck again: a new episode.
    await handle.db
      .update(workOrderIndex)
      .set({ updateDate: new Date(NOW.getTime() + DAY) })
      .where(eq(workOrderIndex.id, idOf('a')));
    expect(await enqueueStuckWorkOrders(handle.db, new Date(NOW.getTime() + 5 * DAY))).toBe(1);
    // Complete work orders are never stuck.
    await handle.db.execute(sql`update work_order_index set progress_score = 100, update_date = update_date - interval '1 hour'`);
    expect(await enqueueStuckWorkOrders(handle.db, new Date(NOW.getTime() + 9 * DAY))).toBe(0);
  });

  it('announces reviews in one statement, one event per work order', async () => {
    await endpoint(['work_order.reviewed']);
    await endpoint(['work_order.reviewed', 'correction.applied']);
    expect(await announceWorkOrdersReviewed(handle.db, [idOf('a'), idOf('b')], 'sup@x.test', NOW)).toBe(4);
    const rows = await deliveries();
    expect(new Set(rows.map((row) => row.eventId)).size).toBe(2);
    expect(rows.map((row) => row.payload)).toContainEqual({ workOrderId: idOf('b'), reviewedBy: 'sup@x.test', reviewedAt: NOW.toISOString() });
  });
});
