import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { getAuditRow, listAudit, recordAudit, updateAuditOutcome } from './audit';
import type { Db } from './db/client';
import { createTestDb } from '@/test/harness/db';
import { auditLog } from './db/schema';

vi.setConfig({ testTimeout: 30_000, hookTimeout: 60_000 });

let db: Db;
let close: () => Promise<void>;
beforeAll(async () => ({ db, close } = await createTestDb()));
afterAll(async () => close());

describe('audit log', () => {
  it('records an entry with every field and settles a pending outcome once', async () => {
    const { id } = await recordAudit(
      {
        actorId: '0f5c4a1e-8a4b-4c5d-9e7f-0a1b2c3d4e5f',
        actorEmail: 'sup@example.test',
        action: 'correction',
        workOrderId: 'wo-1',
        taskId: 'task-1',
        taskName: 'Cable labelled',
        before: { analyzed_value: false, corrected_value: null },
        after: { corrected_value: true },
        reason: 'ai_wrong',
        comment: 'label visible on photo 2',
        outcome: 'pending',
        requestId: 'd7b2a0c4-1111-4222-8333-444455556666',
        details: { idempotencyKey: 'k1' },
      },
      db,
    );
    await updateAuditOutcome(id, 'applied', { details: { upstreamStatus: 200 } }, db);
    await expect(updateAuditOutcome(id, 'rejected', {}, db)).rejects.toThrow(/not pending/);
    const [row] = await listAudit({ workOrderId: 'wo-1' }, db);
    expect(row).toMatchObject({
      id,
      outcome: 'applied',
      details: { upstreamStatus: 200 },
      after: { corrected_value: true },
      comment: 'label visible on photo 2',
    });
    expect(row.at).toBeInstanceOf(Date);
  });

  it('keeps hostile text as data (no log injection)', async () => {
    const forged = 'ok\n{"level":30,"msg":"forged","actor":"admin"}';
    const { id } = await recordAudit({ action: 'correction', workOrderId: 'wo-2', after: { corrected_value: forged }, comment: forged }, db);
    const [row] = await listAudit({ workOrderId: 'wo-2' }, db);
    expect(row.id).toBe(id);
    expect(row.comment).toBe(forged);
    expect((row.after as { corrected_value: string }).corrected_value).toBe(forged);
  });

  it('stores any value, whatever it holds: a lone surrogate becomes U+FFFD and NUL is dropped, at any depth and in text columns', async () => {
    const hostile = 'x\ud800y\u0000z';
    const { id } = await recordAudit(
      {
        action: 'metadata.update',
        workOrderId: 'wo-hostile',
        taskName: hostile,
        before: { [hostile]: [hostile, { deep: hostile }] },
        after: { k: hostile },
        comment: hostile,
        outcome: 'pending',
        details: { tags: [hostile] },
      },
      db,
    );
    await updateAuditOutcome(id, 'failed', { details: { error: hostile } }, db);
    const [row] = await listAudit({ workOrderId: 'wo-hostile' }, db);
    const safe = 'x\uFFFDyz';
    expect(row).toMatchObject({
      id,
      outcome: 'failed',
      taskName: safe,
      comment: safe,
      before: { [safe]: [safe, { deep: safe }] },
      after: { k: safe },
      details: { error: safe },
    });
  });

  it('lets a pending row learn the work order it created, once, and nothing else', async () => {
    const { id } = await recordAudit({ action: 'work_order.create', outcome: 'pending' }, db);
    await updateAuditOutcome(id, 'succeeded', { workOrderId: 'wo-created' }, db);
    expect((await listAudit({ workOrderId: 'wo-created' }, db)).map((row) => row.id)).toEqual([id]);
    const named = await recordAudit({ action: 'work_order.update', workOrderId: 'wo-named', outcome: 'pending' }, db);
    await expect(updateAuditOutcome(named.id, 'succeeded', { workOrderId: 'wo-other' }, db)).rejects.toThrow();
  });

  it('keeps insertion order for rows written within the same clock tick', async () => {
    const at = new Date('2026-11-24T08:00:00.000Z');
    for (let i = 0; i < 6; i += 1) {
      await db.insert(auditLog).values({ at, action: 'review', workOrderId: 'wo-same-tick', details: { i } });
    }
    const rows = await listAudit({ workOrderId: 'wo-same-tick' }, db);
    expect(rows.map((row) => (row.details as { i: number }).i)).toEqual([5, 4, 3, 2, 1, 0]);
  });

  it('lists newest first, filtered, with a bounded limit', async () => {
    for (let i = 0; i < 5; i += 1) {
      await recordAudit({ action: 'review', workOrderId: 'wo-3', taskId: i % 2 ? 'odd' : 'even', details: { i } }, db);
    }
    const all = await listAudit({ workOrderId: 'wo-3' }, db);
    expect(all.map((row) => (row.details as { i: number }).i)).toEqual([4, 3, 2, 1, 0]);
    expect((await listAudit({ workOrderId: 'wo-3', taskId: 'odd' }, db)).map((row) => (row.details as { i: number }).i)).toEqual([3, 1]);
    expect(await listAudit({ workOrderId: 'wo-3', limit: 2 }, db)).toHaveLength(2);
    expect(await listAudit({ workOrderId: 'wo-3', limit: -5 }, db)).toHaveLength(1);
  });

  it('finds the rows of one task by its task-group and task names, whatever its id was', async () => {
    const task = (taskGroupName: string, taskName: string, taskId: string) => ({
      action: 'correction',
      workOrderId: 'wo-4',
      taskId,
      taskGroupName,
      taskName,
    });
    await recordAudit({ ...task('front', 'cable', 'id-v1'), details: { i: 0 } }, db);
    await recordAudit({ ...task('back', 'cable', 'id-other'), details: { i: 1 } }, db);
    await recordAudit({ ...task('front', 'cable', 'id-v2'), details: { i: 2 } }, db);
    const rows = await listAudit({ workOrderId: 'wo-4', task: { taskGroupName: 'front', taskName: 'cable' } }, db);
    expect(rows.map((row) => [row.taskId, row.taskGroupName, (row.details as { i: number }).i])).toEqual([
      ['id-v2', 'front', 2],
      ['id-v1', 'front', 0],
    ]);
  });

  it('filters by outcome and reads one row by its id', async () => {
    const ids: string[] = [];
    for (const outcome of ['applied', 'unknown', 'conflict', 'rejected'] as const) {
      ids.push((await recordAudit({ action: 'correction', workOrderId: 'wo-5', outcome }, db)).id);
    }
    const rows = await listAudit({ workOrderId: 'wo-5', outcomes: ['unknown', 'applied'] }, db);
    expect(rows.map((row) => row.outcome)).toEqual(['unknown', 'applied']);
    expect(await getAuditRow(ids[2], db)).toMatchObject({ id: ids[2], outcome: 'conflict' });
    expect(await getAuditRow(crypto.randomUUID(), db)).toBeNull();
  });
});
