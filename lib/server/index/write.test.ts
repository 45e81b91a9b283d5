import { describe, expect, it, vi } from 'vitest';

vi.setConfig({ hookTimeout: 60_000, testTimeout: 30_000 });
import { eq } from 'drizzle-orm';
import { setUpTestDb } from '@/test/harness/db';
import { workOrderIndex, workOrderReviews } from '@/lib/server/db/schema';
import { indexWorkOrder, removeFromIndex } from './write';
import { makeWorkOrder } from '@/test/fixtures/work-orders';

const testDb = setUpTestDb({ each: true });

describe('indexWorkOrder / removeFromIndex', () => {
  it('inserts then updates one row per work order, with task counts', async () => {
    const workOrder = makeWorkOrder({ name: 'Pylon 12', metadata: { site: 'Lyon', floor: 3 } });
    await indexWorkOrder(workOrder);
    await indexWorkOrder({ ...workOrder, name: 'Pylon 12 bis', progress_score: 50 });
    const rows = await testDb.db.select().from(workOrderIndex);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      id: workOrder.id,
      name: 'Pylon 12 bis',
      progressScore: 50,
      metadataText: { site: 'Lyon', floor: '3' },
      tasksTotal: 3,
      tasksValidated: 1,
      tasksNotValidated: 1,
      tasksNotAnalyzed: 1,
      tasksCorrected: 1,
      conformityErrors: 1,
    });
  });

  it('takes the review state of a work order already reviewed here', async () => {
    const workOrder = makeWorkOrder();
    const reviewedAt = new Date('2026-01-02T03:04:05Z');
    await testDb.db.insert(workOrderReviews).values({ workOrderId: workOrder.id, status: 'reviewed', reviewedAt });
    await indexWorkOrder(workOrder);
    const [row] = await testDb.db.select().from(workOrderIndex).where(eq(workOrderIndex.id, workOrder.id));
    expect(row.reviewStatus).toBe('reviewed');
    expect(row.reviewedAt?.toISOString()).toBe(reviewedAt.toISOString());
  });

  it('removes a row', async () => {
    const workOrder = makeWorkOrder();
    await indexWorkOrder(workOrder);
    await removeFromIndex(workOrder.id);
    expect(await testDb.db.select().from(workOrderIndex)).toHaveLength(0);
  });
});
