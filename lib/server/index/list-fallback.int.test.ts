import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '@/lib/server/db/client';
import { useTestDb } from '@/test/harness/db';
import { workOrderIndex, workOrderTaskIndex } from '@/lib/server/db/schema';
import { deepomatic } from '@/lib/server/deepomatic';
import { resetUpstreamState } from '@/lib/server/deepomatic/http';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '@/simulator/server';
import { admin } from '@/test/harness/simulator-api';
import { onDocumentedProfile } from '@/test/harness/simulator-profile';
import { runSync } from './sync';
import { indexStatus } from './sync-status';

/**
 * The index sync converges on a site whose work-order list ignores its parameters or sends thin
 * rows (nothing documents either): the documented profile, which does all of it, then each
 * behaviour on its own. Each scenario starts its own simulator (on 127.0.0.1, closed at the end)
 * and its own database, so this file runs once, with the documented project.
 */

let sim: RunningSimulator;
let db: Db;
let closeDb: () => Promise<void>;

async function openSite(options: SimulatorOptions): Promise<void> {
  sim = await startSimulator({ port: 0, workOrders: 120, seed: 'list-fallback', apiKeys: ['list-fallback-key-0001'], ...options });
  vi.stubEnv('DEEPOMATIC_API_URL', sim.apiUrl);
  vi.stubEnv('DEEPOMATIC_API_KEY', sim.apiKeys[0]);
  resetUpstreamState();
}

async function leaveSite(): Promise<void> {
  await closeDb();
  await sim.close();
  vi.unstubAllEnvs();
  resetUpstreamState();
}

/** Every upstream id, following the site's own `next` links. */
async function upstreamIds(): Promise<string[]> {
  const ids: string[] = [];
  let page = await deepomatic.listWorkOrders({ pageSize: 1000 });
  for (let walked = 0; walked < 100; walked += 1) {
    ids.push(...page.results.map((row) => row.id));
    if (page.nextCursor === null) return ids;
    page = await deepomatic.listWorkOrders({ cursor: page.nextCursor });
  }
  throw new Error('the list never ended');
}

async function indexedIds(): Promise<string[]> {
  return (await db.select({ id: workOrderIndex.id }).from(workOrderIndex)).map((row) => row.id).sort();
}

async function indexRow(id: string) {
  const [row] = await db.select().from(workOrderIndex).where(eq(workOrderIndex.id, id));
  return row;
}

/** Detail GETs the simulator answered since `since` (its ledger sequence). */
async function detailReads(since: number): Promise<string[]> {
  const ledger = (await admin(sim, 'GET', `/ledger?method=GET&since=${since}`)).body as { path: string }[];
  return ledger.map((entry) => /^\/v0\.2\/work-orders\/([0-9a-f-]{36})\/$/.exec(entry.path)?.[1]).filter((id): id is string => id !== undefined);
}

async function ledgerEnd(): Promise<number> {
  const ledger = (await admin(sim, 'GET', '/ledger')).body as { seq: number }[];
  return ledger.at(-1)?.seq ?? 0;
}

/** A Boolean task with an analysed value and no correction yet, on some work order. */
async function correctableTask(ids: readonly string[]): Promise<{ workOrderId: string; taskId: string; value: boolean }> {
  for (const id of ids) {
    const workOrder = await deepomatic.getWorkOrder(id, { includeInputs: false });
    const task = workOrder.tasks.find(
      (t) => t.outcome_type === 'Boolean' && t.state && t.state.analyzed_value !== null && t.state.corrected_value === null,
    );
    if (task) return { workOrderId: id, taskId: task.id, value: task.state!.analyzed_value !== true };
  }
  throw new Error('no correctable task');
}

describe.runIf(onDocumentedProfile())('index sync on a site whose list ignores its parameters and sends thin rows', () => {
  afterEach(async () => {
    await admin(sim, 'DELETE', '/faults');
  });

  describe('the documented profile (all of it at once)', () => {
    beforeAll(async () => {
      await openSite({ profile: 'documented' });
      ({ db, close: closeDb } = await useTestDb());
    });
    afterAll(leaveSite);

    it('first sync: every work order indexed from its detail, and what the list does is recorded', async () => {
      const result = await runSync('full', { pageSize: 40 });
      expect(result.status).toBe('completed');
      expect(await indexedIds()).toEqual((await upstreamIds()).sort());
      const [counts] = await db
        .select({ missing: sql<number>`count(*) filter (where tasks_total is null or detail_synced_at is null)::int` })
        .from(workOrderIndex);
      expect(counts.missing).toBe(0);
      // Names and scores come from the details: the list rows carry no score at all.
      const [anyId] = await upstreamIds();
      const detail = await deepomatic.getWorkOrder(anyId, { includeInputs: false });
      expect(await indexRow(anyId)).toMatchObject({ name: detail.name, progressScore: Math.round(detail.progress_score) });
      expect(result.listFindings).toMatchObject({ sitePageSize: 100, updatedAfterIgnored: false });
      expect(result.listFindings?.rowFieldsAbsent).toEqual(expect.arrayContaining(['progress_score', 'update_date', 'metadata']));
      expect((await indexStatus(db)).listFindings).toEqual(result.listFindings);
    });

    it('incremental after upstream changes: creates, renames, corrections and deletions all converge', async () => {
      const ids = await upstreamIds();
      const created = await deepomatic.createWorkOrder({ name: `Nouveau / créé ${Date.now()}`, tags: ['fallback'] });
      const renamed = await deepomatic.updateWorkOrder(ids[3], { name: `renamed ${Date.now()}` });
      const doomed = ids[5];
      await deepomatic.deleteWorkOrder(doomed);
      const correction = await correctableTask(ids.slice(10));
      await deepomatic.correctTask(correction.workOrderId, correction.taskId, correction.value);

      const result = await runSync('incremental', { pageSize: 40 });
      expect(result.status).toBe('completed');
      // The filter was ignored: the incremental walked everything, as a full sync does.
      expect(result.listFindings?.updatedAfterIgnored).toBe(true);
      expect(await indexRow(created.id)).toMatchObject({ name: created.name, tags: ['fallback'] });
      expect((await indexRow(renamed.id)).name).toBe(renamed.name);
      expect(await indexedIds()).not.toContain(doomed);
      expect(result.removed).toBeGreaterThanOrEqual(1);
      const [task] = await db
        .select()
        .from(workOrderTaskIndex)
        .where(sql`${workOrderTaskIndex.workOrderId} = ${correction.workOrderId} and ${workOrderTaskIndex.taskId} = ${correction.taskId}`);
      expect(task.corrected).toBe(true);
      expect(await indexedIds()).toEqual((await upstreamIds()).sort());
      expect((await indexStatus(db)).listFindings.updatedAfterIgnored).toBe(true);
    });

    it('a walk that failed on the second page of the site size resumes there, and finishes', async () => {
      const ids = await upstreamIds();
      const victim = ids[110]; // page 2 of the site's pages of 100 (its own order)
      await db.execute(sql`update work_order_index set detail_synced_at = null where id = ${victim}`);
      await admin(sim, 'POST', '/faults', { body: { method: 'GET', path: `/v0.2/work-orders/${victim}/`, status: 500, times: 1000 } });
      const failed = await runSync('full', { pageSize: 40 });
      expect(failed).toMatchObject({ status: 'failed', error: 'upstream_error' });
      expect((await indexStatus(db)).jobs.find((job) => job.job === 'full')?.resumeFromPage).toBe(2);
      // What the failed run saw is kept with what was known.
      expect((await indexStatus(db)).listFindings.sitePageSize).toBe(100);

      await admin(sim, 'DELETE', '/faults');
      const resumed = await runSync('full', { pageSize: 40 });
      expect(resumed.status).toBe('completed');
      expect((await indexRow(victim)).detailSyncedAt).not.toBeNull();
      expect(await indexedIds()).toEqual((await upstreamIds()).sort());
    });
  });

  describe('updated_after ignored (rows with update dates)', () => {
    beforeAll(async () => {
      await openSite({ list: { ignores: ['updated_after'] } });
      ({ db, close: closeDb } = await useTestDb());
    });
    afterAll(leaveSite);

    it('is seen from rows older than the watermark; the incremental becomes a full walk that also finds deletions', async () => {
      expect((await runSync('full', { pageSize: 50 })).status).toBe('completed');
      const ids = await upstreamIds();
      const renamed = await deepomatic.updateWorkOrder(ids[7], { name: `renamed ${Date.now()}` });
      await deepomatic.deleteWorkOrder(ids[8]);
      const result = await runSync('incremental', { pageSize: 50 });
      expect(result).toMatchObject({
        status: 'completed',
        listFindings: { updatedAfterIgnored: true, orderingIgnored: false, sitePageSize: null, rowFieldsAbsent: [] },
      });
      expect((await indexRow(renamed.id)).name).toBe(renamed.name);
      expect(await indexedIds()).not.toContain(ids[8]);
    });
  });

  describe('ordering ignored', () => {
    beforeAll(async () => {
      await openSite({ list: { ignores: ['ordering'] } });
      ({ db, close: closeDb } = await useTestDb());
    });
    afterAll(leaveSite);

    it('is seen by the full walk; an incremental cut short then keeps its watermark, so an older change on a later page is not lost', async () => {
      const full = await runSync('full', { pageSize: 50 });
      expect(full.listFindings).toMatchObject({ orderingIgnored: true, updatedAfterIgnored: false });
      // The site lists newest creations first whatever it is asked: `later` (created after
      // `earlier`) comes first, though `earlier` changed first.
      const ids = await upstreamIds();
      const [later, earlier] = [ids[0], ids[1]];
      const earlierRenamed = await deepomatic.updateWorkOrder(earlier, { name: `earlier ${Date.now()}` });
      await new Promise((resolve) => setTimeout(resolve, 20));
      const laterRenamed = await deepomatic.updateWorkOrder(later, { name: `later ${Date.now()}` });
      // One row per page; the older change's detail read fails.
      await admin(sim, 'POST', '/faults', { body: { method: 'GET', path: `/v0.2/work-orders/${earlier}/`, status: 500, times: 1000 } });
      expect((await runSync('incremental', { pageSize: 1 })).status).toBe('failed');
      expect((await indexRow(later)).name).toBe(laterRenamed.name);

      await admin(sim, 'DELETE', '/faults');
      expect((await runSync('incremental', { pageSize: 1 })).status).toBe('completed');
      expect((await indexRow(earlier)).name).toBe(earlierRenamed.name);
    });
  });

  describe('page_size ignored', () => {
    beforeAll(async () => {
      await openSite({ list: { ignores: ['page_size'] } });
      ({ db, close: closeDb } = await useTestDb());
    });
    afterAll(leaveSite);

    it('the walk follows the site pages and records their size', async () => {
      const result = await runSync('full', { pageSize: 40 });
      expect(result).toMatchObject({
        status: 'completed',
        listFindings: { sitePageSize: 100, orderingIgnored: false, updatedAfterIgnored: false, rowFieldsAbsent: [] },
      });
      expect(await indexedIds()).toEqual((await upstreamIds()).sort());
    });
  });

  describe('thin rows (id and name) on a list that honours its parameters', () => {
    beforeAll(async () => {
      await openSite({ list: { rows: 'minimal' } });
      ({ db, close: closeDb } = await useTestDb());
    });
    afterAll(leaveSite);

    it('each work order is read in full; an incremental reads only what updated_after lists', async () => {
      const first = await runSync('full', { pageSize: 50 });
      expect(first.status).toBe('completed');
      expect(first.listFindings?.rowFieldsAbsent).toEqual(expect.arrayContaining(['update_date', 'progress_score']));
      expect(await indexedIds()).toEqual((await upstreamIds()).sort());

      const ids = await upstreamIds();
      const renamed = await deepomatic.updateWorkOrder(ids[4], { name: `thin ${Date.now()}` });
      const since = await ledgerEnd();
      const result = await runSync('incremental', { pageSize: 50 });
      expect(result.status).toBe('completed');
      // The site applied the filter (asked about tomorrow's changes, it lists none): no full walk.
      expect(result.listFindings?.updatedAfterIgnored).toBe(false);
      expect((await indexRow(renamed.id)).name).toBe(renamed.name);
      const read = await detailReads(since);
      expect(read).toContain(renamed.id);
      expect(read.length).toBeLessThan(ids.length / 2);
    });
  });
});
