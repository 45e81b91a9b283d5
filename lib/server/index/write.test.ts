import { describe, expect, it, vi } from 'vitest';

vi.setConfig({ hookTimeout: 60_000, testTimeout: 30_000 });
import { eq } from 'drizzle-orm';
import { setUpTestDb } from '@/test/harness/db';
import { workOrderIndex, workOrderReviews, workOrderTaskIndex } from '@/lib/server/db/schema';
import { indexWorkOrder, removeFromIndex, upsertIndexRows } from './write';
import { workOrderToRow } from './row';
import { makeWorkOrder } from '@/test/fixtures/work-orders';
import { indexWorkOrderTasks } from '@/lib/server/overview/task-index';

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

  it('does not rewrite a work order read again unchanged, and rewrites it once changed or written by the sync', async () => {
    const workOrder = makeWorkOrder({ name: 'Pylon 12' });
    await indexWorkOrder(workOrder);
    // A mark the index itself would never hold: it stays only while nothing rewrites the row.
    const mark = () => testDb.db.update(workOrderIndex).set({ name: 'untouched' }).where(eq(workOrderIndex.id, workOrder.id));
    const name = async () =>
      (await testDb.db.select({ name: workOrderIndex.name }).from(workOrderIndex).where(eq(workOrderIndex.id, workOrder.id)))[0].name;
    await mark();
    await indexWorkOrder(structuredClone(workOrder));
    expect(await name()).toBe('untouched');

    await indexWorkOrder({ ...workOrder, progress_score: 50 });
    expect(await name()).toBe('Pylon 12');

    // The sync writes the row (an older state, say): the next read writes its own again.
    await upsertIndexRows(testDb.db, [workOrderToRow(workOrder)]);
    await mark();
    await indexWorkOrder({ ...workOrder, progress_score: 50 });
    expect(await name()).toBe('Pylon 12');
  });

  it('does not rewrite a work order the index already holds as read (the sync wrote it), and rewrites one whose tasks changed since', async () => {
    const workOrder = makeWorkOrder({ name: 'Pylon 14' });
    // As the sync writes a work order read with its details.
    await upsertIndexRows(testDb.db, [workOrderToRow(workOrder)]);
    await indexWorkOrderTasks(testDb.db, [workOrder]);
    const mark = () => testDb.db.update(workOrderIndex).set({ searchText: 'untouched' }).where(eq(workOrderIndex.id, workOrder.id));
    const searchText = async () =>
      (await testDb.db.select({ searchText: workOrderIndex.searchText }).from(workOrderIndex).where(eq(workOrderIndex.id, workOrder.id)))[0]
        .searchText;
    await mark();
    await indexWorkOrder(structuredClone(workOrder));
    expect(await searchText()).toBe('untouched');

    // Same summary, same counts, one task with a new id (as an application upgrade gives): only the task rows tell.
    const changed = structuredClone(workOrder);
    changed.tasks[0] = { ...changed.tasks[0], id: '00000000-0000-4000-9000-ffffffffffff' };
    const tasks = async () => testDb.db.select().from(workOrderTaskIndex).where(eq(workOrderTaskIndex.workOrderId, workOrder.id));
    const before = (await tasks()).find((task) => task.taskName === 'task_1');
    await indexWorkOrder(changed);
    const after = (await tasks()).find((task) => task.taskName === 'task_1');
    expect(after).not.toEqual(before);
    expect(await searchText()).not.toBe('untouched');
  });

  it('removes a row', async () => {
    const workOrder = makeWorkOrder();
    await indexWorkOrder(workOrder);
    await removeFromIndex(workOrder.id);
    expect(await testDb.db.select().from(workOrderIndex)).toHaveLength(0);
  });
});

describe('upstream data the database cannot store as it is', () => {
  it('stores a lone surrogate as U+FFFD and drops NUL, in every text the index keeps', async () => {
    const hostile = 'x\ud800y\u0000z';
    const workOrder = makeWorkOrder({ name: hostile, metadata: { [hostile]: hostile, nested: { deep: [hostile] } }, tags: [hostile] });
    workOrder.tasks[0] = { ...workOrder.tasks[0], name: hostile };
    await indexWorkOrder(workOrder);
    const [row] = await testDb.db.select().from(workOrderIndex).where(eq(workOrderIndex.id, workOrder.id));
    const safe = 'x\uFFFDyz';
    expect(row).toMatchObject({ name: safe, tags: [safe], metadata: { [safe]: safe, nested: { deep: [safe] } }, metadataText: { [safe]: safe } });
    expect(row.searchText).toContain(safe);
    const tasks = await testDb.db.select().from(workOrderTaskIndex).where(eq(workOrderTaskIndex.workOrderId, workOrder.id));
    expect(tasks.map((task) => task.taskName)).toContain(safe);
  });

  it('leaves out, and reports, a row the database still refuses, and writes the others of its batch', async () => {
    const good = [makeWorkOrder(), makeWorkOrder()];
    const bad = makeWorkOrder();
    // An integer column cannot hold it: the database refuses this row's data.
    const rows = [workOrderToRow(good[0]), { ...workOrderToRow(bad), progressScore: 2 ** 40 }, workOrderToRow(good[1])];
    const { skipped } = await upsertIndexRows(testDb.db, rows);
    expect(skipped).toEqual([bad.id]);
    const stored = await testDb.db.select({ id: workOrderIndex.id }).from(workOrderIndex);
    expect(stored.map((row) => row.id).sort()).toEqual(good.map((workOrder) => workOrder.id).sort());
  });
});
