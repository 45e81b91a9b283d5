import { describe, expect, it, vi } from 'vitest';

vi.setConfig({ hookTimeout: 60_000, testTimeout: 30_000 });
import { setUpTestDb } from '@/test/harness/db';
import { indexWorkOrderTasks } from '@/lib/server/overview/task-index';
import { makeWorkOrder } from '@/test/fixtures/work-orders';
import { indexedAsRead } from './indexed-as-read';
import { summaryToRow, workOrderToRow } from './row';
import { upsertIndexRows } from './write';

const testDb = setUpTestDb();

/** The work order indexed as the sync indexes a detail read. */
async function indexed(workOrder = makeWorkOrder()) {
  await upsertIndexRows(testDb.db, [workOrderToRow(workOrder)]);
  await indexWorkOrderTasks(testDb.db, [workOrder]);
  return workOrder;
}

describe('indexedAsRead', () => {
  it('is true for the same read, and for a read without the photos (their counts would be kept)', async () => {
    const workOrder = await indexed();
    expect(await indexedAsRead(testDb.db, structuredClone(workOrder))).toBe(true);
    expect(await indexedAsRead(testDb.db, { ...workOrder, inputs: undefined })).toBe(true);
  });

  it('is false for a work order not indexed, or indexed from a list row only', async () => {
    expect(await indexedAsRead(testDb.db, makeWorkOrder())).toBe(false);
    const listed = makeWorkOrder();
    await upsertIndexRows(testDb.db, [summaryToRow(listed)]);
    expect(await indexedAsRead(testDb.db, listed)).toBe(false);
  });

  it('is false once the summary, a count, a task or the photos changed', async () => {
    const workOrder = await indexed();
    expect(await indexedAsRead(testDb.db, { ...workOrder, tags: ['new'] })).toBe(false);
    expect(await indexedAsRead(testDb.db, { ...workOrder, tasks: workOrder.tasks.slice(1) })).toBe(false);
    expect(await indexedAsRead(testDb.db, { ...workOrder, inputs: [...workOrder.inputs!, { ...workOrder.inputs![1], id: 'i3' }] })).toBe(false);
    const renamedTask = structuredClone(workOrder);
    renamedTask.tasks[2] = { ...renamedTask.tasks[2], name: 'task_renamed' };
    expect(await indexedAsRead(testDb.db, renamedTask)).toBe(false);
  });
});
