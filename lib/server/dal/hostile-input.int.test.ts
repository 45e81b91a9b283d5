import { NextRequest } from 'next/server';
import { describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
  process.env.APP_URL = 'http://127.0.0.1:3999';
});

vi.mock('@/lib/server/dal/authorize', () => import('@/test/fakes/authorize'));

import * as workOrders from '@/app/api/work-orders/route';
import * as metadataValues from '@/app/api/work-orders/metadata-values/route';
import * as metadata from '@/app/api/work-orders/[id]/metadata/route';
import { listAudit } from '@/lib/server/audit';
import { addFault, context, ledgerOfRequest, setUpDalIntegration, testUser } from '@/test/harness/dal';
import { dataUri, testPhoto } from '@/test/harness/simulator-api';
import { analyzeWorkOrder } from './analysis';
import { listTaskGroups } from './task-groups';
import { createWorkOrder, mergeWorkOrderMetadata } from './work-orders';

// Input PostgreSQL cannot store (a lone UTF-16 surrogate, a NUL) or a date it does not know
// (year 0) once reached the upstream or the database and ended in a 500: a metadata change
// applied upstream with no audit row, and a retry that duplicated a work order. Each is now a
// 400 in our error shape before any upstream call; and an audited write records its row
// before the upstream call, whatever it holds.

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

const supervisor = testUser('supervisor');
setUpDalIntegration({ signedIn: supervisor });

async function call(handler: Handler, method: string, path: string, body?: string, params: Record<string, string> = {}) {
  const requestId = crypto.randomUUID();
  const request = new NextRequest(`http://127.0.0.1:3999${path}`, {
    method,
    headers: { origin: 'http://127.0.0.1:3999', 'x-request-id': requestId, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body,
  });
  const response = await handler(request, { params: Promise.resolve(params) });
  return { response, json: (await response.json()) as Record<string, unknown>, requestId };
}

async function existingWorkOrder(): Promise<string> {
  return (await createWorkOrder(context(), { body: async () => ({ name: `hostile-${crypto.randomUUID().slice(0, 8)}` }) })).id;
}

describe('text PostgreSQL cannot store, in a write', () => {
  it('a metadata change with a lone surrogate is a 400 naming the key, sent nowhere and audited nowhere', async () => {
    const id = await existingWorkOrder();
    const before = await listAudit({ workOrderId: id });
    const { response, json, requestId } = await call(metadata.PATCH as Handler, 'PATCH', `/api/work-orders/${id}/metadata`, '{"k":"x\\ud800"}', {
      id,
    });
    expect(response.status).toBe(400);
    expect(json).toMatchObject({ error: 'invalid_body', requestId, fields: { k: expect.any(String) } });
    expect(await ledgerOfRequest(requestId)).toEqual([]);
    expect(await listAudit({ workOrderId: id })).toEqual(before);
  });

  it('a work order created with a NUL in a tag is a 400, and nothing is created upstream', async () => {
    const { response, json, requestId } = await call(workOrders.POST as Handler, 'POST', '/api/work-orders', '{"name":"n","tags":["a\\u0000"]}');
    expect(response.status).toBe(400);
    expect(json).toMatchObject({ error: 'invalid_body', fields: { tags: expect.any(String) } });
    expect(await ledgerOfRequest(requestId)).toEqual([]);
  });
});

describe('the audit row of a work-order write', () => {
  it('is written pending before the upstream call, and settled after it', async () => {
    const id = await existingWorkOrder();
    // The upstream takes its time: the row must already be there while it does.
    const remove = await addFault({ method: 'PATCH', path: `/v0.2/work-orders/${id}/metadata/`, delayMs: 400, times: 1 });
    try {
      const ctx = context();
      const writing = mergeWorkOrderMetadata(ctx, { params: { id }, body: async () => ({ region: 'North' }) });
      let pending: Awaited<ReturnType<typeof listAudit>> = [];
      for (let tries = 0; tries < 200 && pending.length === 0; tries += 1) {
        pending = (await listAudit({ workOrderId: id, action: 'metadata.update' })).filter((row) => row.requestId === ctx.requestId);
        if (pending.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
      }
      expect(pending.map((row) => row.outcome)).toEqual(['pending']);
      expect((await ledgerOfRequest(ctx.requestId)).some((entry) => entry.method === 'PATCH' && entry.status !== null)).toBe(false);
      await writing;
      const [settled] = await listAudit({ workOrderId: id, action: 'metadata.update' });
      expect(settled).toMatchObject({ id: pending[0].id, outcome: 'succeeded', after: { region: 'North' } });
    } finally {
      await remove();
    }
  });

  it('of a creation is settled with the id of the work order it created', async () => {
    const ctx = context();
    const created = await createWorkOrder(ctx, { body: async () => ({ name: `created-${crypto.randomUUID().slice(0, 8)}` }) });
    const rows = await listAudit({ workOrderId: created.id, action: 'work_order.create' });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ outcome: 'succeeded', requestId: ctx.requestId, actorId: supervisor.id });
  });

  it('of a refused write is settled failed', async () => {
    const id = await existingWorkOrder();
    const remove = await addFault({ method: 'PATCH', path: `/v0.2/work-orders/${id}/metadata/`, status: 400, body: { region: ['bad'] }, times: 1 });
    try {
      await expect(mergeWorkOrderMetadata(context(), { params: { id }, body: async () => ({ region: 'x' }) })).rejects.toThrow();
      const rows = await listAudit({ workOrderId: id, action: 'metadata.update' });
      expect(rows.map((row) => row.outcome)).toEqual(['failed']);
    } finally {
      await remove();
    }
  });
});

describe('the audit row of an analysis', () => {
  it('is written pending before the upload reaches the upstream, and settled after it', async () => {
    const id = await existingWorkOrder();
    const [group] = await listTaskGroups(context());
    const remove = await addFault({ method: 'POST', path: `/v0.2/work-orders/${id}/analyze/`, delayMs: 400, times: 1 });
    try {
      const ctx = context();
      const analysing = analyzeWorkOrder(ctx, {
        params: { id },
        body: async () => ({ taskGroupName: group.name, source: dataUri(testPhoto('audit-order')) }),
      });
      let pending: Awaited<ReturnType<typeof listAudit>> = [];
      for (let tries = 0; tries < 200 && pending.length === 0; tries += 1) {
        pending = (await listAudit({ workOrderId: id, action: 'analysis' })).filter((row) => row.requestId === ctx.requestId);
        if (pending.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
      }
      expect(pending.map((row) => row.outcome)).toEqual(['pending']);
      await analysing;
      const rows = await listAudit({ workOrderId: id, action: 'analysis' });
      expect(rows.map((row) => [row.id, row.outcome])).toEqual([[pending[0].id, 'succeeded']]);
    } finally {
      await remove();
    }
  });
});

describe('viewer input that once answered 500', () => {
  it('year 0 in a list filter is a 400 invalid_query', async () => {
    const { response, json } = await call(workOrders.GET as Handler, 'GET', '/api/work-orders?createdFrom=0000-01-01');
    expect(response.status).toBe(400);
    expect(json).toMatchObject({ error: 'invalid_query', fields: { createdFrom: expect.any(String) } });
  });

  it('a NUL in a metadata key is a 400 invalid_query', async () => {
    const { response, json } = await call(metadataValues.GET as Handler, 'GET', '/api/work-orders/metadata-values?key=region%00');
    expect(response.status).toBe(400);
    expect(json).toMatchObject({ error: 'invalid_query', fields: { key: expect.any(String) } });
  });
});
