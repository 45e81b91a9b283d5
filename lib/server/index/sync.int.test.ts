import { hostname } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { useTestDb } from '@/test/harness/db';
import type { Db } from '@/lib/server/db/client';
import { indexSyncSeen, workOrderIndex, workOrderTaskIndex } from '@/lib/server/db/schema';
import { deepomatic } from '@/lib/server/deepomatic';
import { workOrderToRow } from './row';
import { runSync } from './sync';
import { indexStatus } from './sync-status';
import { metricsRegistry } from '@/lib/server/metrics/registry';
import { makeWorkOrder } from '@/test/fixtures/work-orders';
import { onDocumentedProfile } from '@/test/harness/simulator-profile';

let db: Db;
let close: () => Promise<void>;

/** `index_sync_errors_total` of `job` in this process. */
async function syncErrors(job: string): Promise<number> {
  const metric = metricsRegistry().getSingleMetric('index_sync_errors_total');
  return (await metric?.get())?.values.find((value) => value.labels.job === job)?.value ?? 0;
}

async function admin(method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${process.env.SIMULATOR_ADMIN_URL}${path}`, {
    method,
    headers: { authorization: `Bearer ${process.env.SIMULATOR_ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`simulator admin ${method} ${path}: ${response.status}`);
  return response.status === 204 ? null : response.json();
}

/** Every upstream id, walking the list like a client would. */
async function upstreamIds(): Promise<string[]> {
  const ids: string[] = [];
  for (let page = 1; ; page += 1) {
    const list = await deepomatic.listWorkOrders({ page, pageSize: 1000, ordering: 'create_date' });
    ids.push(...list.results.map((summary) => summary.id));
    if (list.nextPage === null) return ids;
  }
}

async function indexedIds(): Promise<string[]> {
  return (await db.select({ id: workOrderIndex.id }).from(workOrderIndex)).map((row) => row.id);
}

/** Row versions (`xmin`) by id: a row rewritten in place gets a new one. */
async function rowVersions(table: 'work_order_index' | 'work_order_task_index'): Promise<Map<string, string>> {
  const key = table === 'work_order_index' ? sql`id` : sql`work_order_id || '/' || task_id`;
  const result = (await db.execute(sql`select ${key} as key, xmin::text as version from ${sql.identifier(table)}`)) as unknown as {
    rows: { key: string; version: string }[];
  };
  return new Map(result.rows.map((row) => [row.key, row.version]));
}

/** Each row's doubt score and reasons, as one comparable string. */
async function doubtScores(): Promise<Map<string, string>> {
  const rows = await db
    .select({ id: workOrderIndex.id, score: workOrderIndex.doubtScore, reasons: workOrderIndex.doubtReasons })
    .from(workOrderIndex);
  return new Map(rows.map((row) => [row.id, JSON.stringify([row.score, row.reasons])]));
}

beforeAll(async () => {
  ({ db, close } = await useTestDb());
});

afterAll(async () => {
  await close();
});

describe('index sync against the simulator', () => {
  // Pages of 40 are this test's geometry: a site that ignores `page_size` (the documented
  // profile) pages by its own size; `list-fallback.int.test.ts` resumes a walk on such a site.
  it.skipIf(onDocumentedProfile())('resumes a full sync that failed mid-way, without duplicates, and fills task counts', async () => {
    const before = await upstreamIds();
    // A row of a work order the upstream no longer has: the resumed walk must still remove it,
    // though the pages before its checkpoint were walked by the failed run.
    const orphan = makeWorkOrder();
    const orphanRow = workOrderToRow(orphan, new Date('2020-01-01T00:00:00Z'));
    await db.insert(workOrderIndex).values({ ...orphanRow, createDate: orphanRow.createDate!, updateDate: orphanRow.updateDate!, seenGeneration: 0 });
    // The detail GET of a work order on page 3 (pages of 40, oldest first) fails for good.
    const victim = before[100];
    const fault = (await admin('POST', '/faults', { method: 'GET', path: `/v0.2/work-orders/${victim}/`, status: 500, times: 1000 })) as {
      id: string;
    };

    const errorsBefore = await syncErrors('full');
    const failed = await runSync('full', { pageSize: 40, concurrency: 4 });
    expect(failed.status).toBe('failed');
    expect(failed.error).toBe('upstream_error');
    expect(await syncErrors('full')).toBe(errorsBefore + 1);
    const interrupted = await indexStatus(db);
    const full = interrupted.jobs.find((job) => job.job === 'full')!;
    expect(full.lastError).toBe('upstream_error');
    expect(full.resumeFromPage).toBe(3);
    const partial = await indexedIds();
    expect(partial.length).toBeGreaterThanOrEqual(80);
    expect(partial.length).toBeLessThan(before.length);

    await admin('DELETE', `/faults/${fault.id}`);
    const resumed = await runSync('full', { pageSize: 40, concurrency: 4 });
    expect(resumed.status).toBe('completed');
    // Resumed at page 3: pages 1–2 were not walked again.
    expect(resumed.indexed).toBeLessThanOrEqual(before.length - 80 + 40);

    const ids = await indexedIds();
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(before));
    expect(ids).not.toContain(orphan.id);
    expect(resumed.removed).toBeGreaterThanOrEqual(1);
    // What the walk saw is only kept while it is in progress.
    expect(await db.select().from(indexSyncSeen)).toEqual([]);
    const [counts] = await db
      .select({ missing: sql<number>`count(*) filter (where tasks_total is null or conformity_errors is null)::int` })
      .from(workOrderIndex);
    expect(counts.missing).toBe(0);
    const status = await indexStatus(db);
    expect(status.jobs.find((job) => job.job === 'full')).toMatchObject({ lastError: null, resumeFromPage: null });
    // Which instance ran it (host:pid), and none is running it any more.
    expect(status.instance).toBe(`${hostname()}:${process.pid}`);
    expect(status.jobs.find((job) => job.job === 'full')).toMatchObject({ running: false, runningOn: null, lastRunOn: status.instance });
    expect(status.lastSyncedAt).not.toBeNull();
    // The run vacuumed what it wrote (PGlite has no autovacuum): counts can be index-only.
    const visibility = (await db.execute(
      sql`select relpages::int as pages, relallvisible::int as visible from pg_class where relname = 'work_order_index'`,
    )) as unknown as { rows: { pages: number; visible: number }[] };
    expect(visibility.rows[0].pages).toBeGreaterThan(0);
    expect(visibility.rows[0].visible).toBe(visibility.rows[0].pages);
  });

  it('follows creates, updates and deletes upstream', async () => {
    await runSync('full', { pageSize: 200 });
    const created = await deepomatic.createWorkOrder({ name: `index-created-${Date.now()}`, metadata: { batch: 'sync-test' }, tags: ['sync-test'] });
    const doomed = await deepomatic.createWorkOrder({ name: `index-doomed-${Date.now()}` });

    let result = await runSync('incremental');
    expect(result.status).toBe('completed');
    const [row] = await db.select().from(workOrderIndex).where(eq(workOrderIndex.id, created.id));
    expect(row).toMatchObject({ name: created.name, metadataText: { batch: 'sync-test' }, tags: ['sync-test'] });
    expect(row.tasksTotal).not.toBeNull();

    await deepomatic.updateWorkOrder(created.id, { name: `${created.name}-renamed` });
    await deepomatic.deleteWorkOrder(doomed.id);
    result = await runSync('incremental');
    expect(result.status).toBe('completed');
    const [renamed] = await db.select().from(workOrderIndex).where(eq(workOrderIndex.id, created.id));
    expect(renamed.name).toBe(`${created.name}-renamed`);

    if (onDocumentedProfile()) {
      // The documented site ignores `updated_after`: the incremental sync walked the whole list
      // as the full one does, and found the deletion already.
      expect(result.listFindings?.updatedAfterIgnored).toBe(true);
      expect(result.removed).toBeGreaterThanOrEqual(1);
      expect(await indexedIds()).not.toContain(doomed.id);
    } else {
      // A deletion does not show in `updated_after`: the full walk (reconciliation) removes it.
      expect(await indexedIds()).toContain(doomed.id);
      result = await runSync('full', { pageSize: 200 });
      expect(result.status).toBe('completed');
      expect(result.removed).toBeGreaterThanOrEqual(1);
      expect(await indexedIds()).not.toContain(doomed.id);
    }
    await deepomatic.deleteWorkOrder(created.id);
  });

  it('lets one sync run at a time', async () => {
    const [first, second] = await Promise.all([runSync('full', { pageSize: 200 }), runSync('full', { pageSize: 200 })]);
    expect([first.status, second.status].sort()).toEqual(['busy', 'completed']);
  });

  it('reconciles an unchanged index without rewriting a row, and still removes what was deleted upstream', async () => {
    expect((await runSync('full', { pageSize: 200 })).status).toBe('completed');
    const doomed = (await upstreamIds()).at(-1)!;
    const rowsBefore = await rowVersions('work_order_index');
    const tasksBefore = await rowVersions('work_order_task_index');
    expect(rowsBefore.has(doomed)).toBe(true);
    expect(tasksBefore.size).toBeGreaterThan(0);
    await deepomatic.deleteWorkOrder(doomed);

    const doubtBefore = await doubtScores();

    const result = await runSync('full', { pageSize: 200 });
    expect(result).toMatchObject({ status: 'completed', indexed: 0, removed: 1 });
    const rowsAfter = await rowVersions('work_order_index');
    rowsBefore.delete(doomed);
    // The deleted work order counted in its engineer's and its tasks' site-wide rates: the doubt
    // scores that moved with them are rewritten (by the refresh after the pass), no other row.
    const doubtAfter = await doubtScores();
    for (const id of rowsAfter.keys()) {
      if (doubtAfter.get(id) === doubtBefore.get(id)) continue;
      rowsAfter.delete(id);
      rowsBefore.delete(id);
    }
    expect(rowsAfter).toEqual(rowsBefore);
    const tasksAfter = await rowVersions('work_order_task_index');
    for (const key of tasksBefore.keys()) if (key.startsWith(`${doomed}/`)) tasksBefore.delete(key);
    expect(tasksAfter).toEqual(tasksBefore);
    expect(await db.select().from(workOrderTaskIndex).where(eq(workOrderTaskIndex.workOrderId, doomed))).toEqual([]);
  });

  it('rewrites the row of a work order whose summary changed, and only that one (not its unchanged task rows)', async () => {
    expect((await runSync('full', { pageSize: 200 })).status).toBe('completed');
    const [target] = await upstreamIds();
    const before = await rowVersions('work_order_index');
    const tasksBefore = await rowVersions('work_order_task_index');
    const renamed = await deepomatic.updateWorkOrder(target, { name: `reconcile-renamed-${Date.now()}` });

    const result = await runSync('full', { pageSize: 200 });
    expect(result).toMatchObject({ status: 'completed', indexed: 1, removed: 0 });
    const after = await rowVersions('work_order_index');
    expect(after.get(target)).not.toBe(before.get(target));
    before.delete(target);
    after.delete(target);
    expect(after).toEqual(before);
    const [row] = await db.select().from(workOrderIndex).where(eq(workOrderIndex.id, target));
    expect(row.name).toBe(renamed.name);
    expect(row.tasksTotal).not.toBeNull();
    // A rename leaves the tasks as they were: their rows are not rewritten either.
    expect(await rowVersions('work_order_task_index')).toEqual(tasksBefore);
  });

  it('rewrites the task rows of a work order whose tasks changed (correction)', async () => {
    expect((await runSync('full', { pageSize: 200 })).status).toBe('completed');
    let target: { workOrderId: string; taskId: string; value: boolean } | undefined;
    for (const id of (await upstreamIds()).slice(0, 50)) {
      const workOrder = await deepomatic.getWorkOrder(id);
      const task = workOrder.tasks.find(
        (t) => t.outcome_type === 'Boolean' && t.state && t.state.analyzed_value !== null && t.state.corrected_value === null,
      );
      if (task) {
        target = { workOrderId: id, taskId: task.id, value: task.state!.analyzed_value !== true };
        break;
      }
    }
    expect(target).toBeDefined();
    await deepomatic.correctTask(target!.workOrderId, target!.taskId, target!.value);

    expect((await runSync('incremental')).status).toBe('completed');
    const [task] = await db
      .select()
      .from(workOrderTaskIndex)
      .where(sql`${workOrderTaskIndex.workOrderId} = ${target!.workOrderId} and ${workOrderTaskIndex.taskId} = ${target!.taskId}`);
    expect(task.corrected).toBe(true);
  });

  it('keeps, and reads again, a row the walk did not see while the upstream still has it', async () => {
    expect((await runSync('full', { pageSize: 40 })).status).toBe('completed');
    const upstream = await upstreamIds();
    // Page 3's walk fails on a detail GET (its row made stale), so pages 1–2 are checkpointed…
    const victim = upstream[100];
    await db.execute(sql`update work_order_index set update_date = update_date - interval '1 day' where id = ${victim}`);
    const fault = (await admin('POST', '/faults', { method: 'GET', path: `/v0.2/work-orders/${victim}/`, status: 500, times: 1000 })) as {
      id: string;
    };
    expect((await runSync('full', { pageSize: 40 })).status).toBe('failed');
    // …then what pages 1–2 saw is lost, as when page numbers shift under a walk (an upstream
    // deletion moves a work order onto a page already read).
    await db.delete(indexSyncSeen).where(sql`page < 3`);
    await admin('DELETE', `/faults/${fault.id}`);

    const resumed = await runSync('full', { pageSize: 40 });
    expect(resumed).toMatchObject({ status: 'completed', removed: 0 });
    expect(resumed.indexed).toBeGreaterThanOrEqual(80);
    expect(await indexedIds()).toEqual(expect.arrayContaining(upstream));
  });

  it('leaves a work order whose answer cannot be read as indexed, and still completes the sync', async () => {
    expect((await runSync('full', { pageSize: 200 })).status).toBe('completed');
    const [target] = await upstreamIds();
    // Its detail must be read again, and the upstream answers it with something unreadable.
    await db.execute(sql`update work_order_index set detail_synced_at = null where id = ${target}`);
    const fault = (await admin('POST', '/faults', { method: 'GET', path: `/v0.2/work-orders/${target}/`, malformed: 'wrong-shape' })) as {
      id: string;
    };
    try {
      const result = await runSync('full', { pageSize: 200 });
      expect(result.status).toBe('completed');
      expect(await indexedIds()).toContain(target);
    } finally {
      await admin('DELETE', `/faults/${fault.id}`);
    }
  });

  it('drops an index row whose id no upstream work order could have, instead of failing every sync', async () => {
    expect((await runSync('full', { pageSize: 200 })).status).toBe('completed');
    await db.execute(sql`
      insert into work_order_index (id, name, create_date, update_date, progress_score, seen_generation)
      values ('not-an-upstream-id', 'Stray row', now(), now(), 0, 0)`);
    const result = await runSync('full', { pageSize: 200 });
    expect(result.status).toBe('completed');
    expect(result.removed).toBeGreaterThanOrEqual(1);
    expect(await indexedIds()).not.toContain('not-an-upstream-id');
  });
});
