import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { dataUri, testPhoto } from '@/test/harness/simulator-api';

vi.hoisted(() => {
  process.env.DEEPOMATIC_RETRY_BASE_MS = '10';
  process.env.DEEPOMATIC_RETRY_MAX_DELAY_MS = '20';
  process.env.DEEPOMATIC_BREAKER_THRESHOLD = '1000';
  process.env.ANALYSIS_CALLBACK_SECRET = 'integration-callback-secret-0123456789';
  process.env.APP_URL = 'http://127.0.0.1:3999';
});

vi.mock('@/lib/server/dal/authorize', () => import('@/test/fakes/authorize'));

import { listAudit } from '@/lib/server/audit';
import { workOrderIndex } from '@/lib/server/db/schema';
import type { WorkOrderDto } from '@/lib/shared/work-order-dto';
import { POST as callbackRoute } from '@/app/api/callbacks/analysis/[analysisId]/route';
import { PATCH as correctionRoute } from '@/app/api/work-orders/[id]/tasks/[taskId]/correction/route';
import { analyzeWorkOrder, getAnalysis, startCallbackAnalysis } from './analysis';
import { signAnalysisId } from './callback-signature';
import { session } from '@/test/fakes/authorize';
import { addFault, context, failureOf, forceAnalysis, ledger, ledgerOfRequest, setUpDalIntegration, testUser } from '@/test/harness/dal';
import { getInputImage } from './media';
import { createReasonCode, listAllReasonCodes, listReasonCodes, updateReasonCode } from './reason-codes';
import { getTaskGroup, getTaskGroupExample, listTaskGroups } from './task-groups';
import {
  createWorkOrder,
  deleteWorkOrder,
  getWorkOrderPage,
  getWorkOrderTimeline,
  mergeWorkOrderMetadata,
  replaceWorkOrder,
  replaceWorkOrderMetadata,
  updateWorkOrder,
} from './work-orders';

const supervisor = testUser('supervisor');
const setup = setUpDalIntegration({ signedIn: supervisor });

let callbackServer: Server;
beforeAll(async () => {
  // Stands in for our Next.js server: the simulator POSTs analysis results here, and the
  // request goes through the real route handler.
  callbackServer = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const url = new URL(req.url ?? '/', process.env.ANALYSIS_CALLBACK_ORIGIN);
      const match = /^\/api\/callbacks\/analysis\/([^/]+)$/.exec(url.pathname);
      if (!match || req.method !== 'POST') {
        res.writeHead(404).end();
        return;
      }
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value);
      const response = await callbackRoute(new NextRequest(url, { method: 'POST', headers, body: Buffer.concat(chunks) }), {
        params: Promise.resolve({ analysisId: decodeURIComponent(match[1]) }),
      });
      res.writeHead(response.status, { 'content-type': response.headers.get('content-type') ?? 'text/plain' });
      res.end(await response.text());
    });
  });
  await new Promise<void>((resolve) => callbackServer.listen(0, '127.0.0.1', resolve));
  process.env.ANALYSIS_CALLBACK_ORIGIN = `http://127.0.0.1:${(callbackServer.address() as AddressInfo).port}`;
}, 120_000);

afterAll(async () => {
  await new Promise((resolve) => callbackServer.close(resolve));
});

const uniqueName = () => `int-wo-${crypto.randomUUID().slice(0, 8)}`;

async function newWorkOrder(extra: Record<string, unknown> = {}): Promise<WorkOrderDto> {
  return createWorkOrder(context(), { body: async () => ({ name: uniqueName(), ...extra }) });
}

async function indexRow(id: string) {
  const [row] = await setup.db.select().from(workOrderIndex).where(eq(workOrderIndex.id, id));
  return row;
}

describe('work orders: create, read, edit, delete', () => {
  it('creates a work order, audits it, indexes it and reads it back with its timeline', async () => {
    const name = uniqueName();
    const created = await createWorkOrder(context(), { body: async () => ({ name, metadata: { region: 'North' }, tags: ['int'] }) });
    expect(created).toMatchObject({ name, metadata: { region: 'North' }, tags: ['int'], progressScore: 0 });
    expect(created.taskGroups.length).toBeGreaterThan(0);
    const orders = created.taskGroups.map((g) => g.order);
    expect(orders).toEqual([...orders].sort((a, b) => a - b));
    expect(await indexRow(created.id)).toBeDefined();
    expect(await listAudit({ workOrderId: created.id, action: 'work_order.create' })).toHaveLength(1);

    const page = await getWorkOrderPage(context(), { params: { id: created.id } });
    expect(page.workOrder.id).toBe(created.id);
    expect(page.timelineComplete).toBe(true);
    const types = page.timeline.map((e) => `${e.source}:${e.type}`);
    expect(types).toContain('upstream:work_order_created');
    expect(types).toContain('field_review:work_order.create');
    const dates = page.timeline.map((e) => Date.parse(e.date));
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
    expect((await getWorkOrderTimeline(context(), { params: { id: created.id } })).entries.length).toBe(page.timeline.length);
  });

  it('edits with PATCH and PUT, merges and replaces metadata', async () => {
    const created = await newWorkOrder({ metadata: { region: 'North' } });
    expect((await updateWorkOrder(context(), { params: { id: created.id }, body: async () => ({ tags: ['a', 'b'] }) })).tags).toEqual(['a', 'b']);
    expect((await mergeWorkOrderMetadata(context(), { params: { id: created.id }, body: async () => ({ zone: 'Z1' }) })).metadata).toEqual({
      region: 'North',
      zone: 'Z1',
    });
    expect((await replaceWorkOrderMetadata(context(), { params: { id: created.id }, body: async () => ({ zone: 'Z2' }) })).metadata).toEqual({
      zone: 'Z2',
    });
    const renamed = uniqueName();
    expect((await replaceWorkOrder(context(), { params: { id: created.id }, body: async () => ({ name: renamed, tags: [] }) })).name).toBe(renamed);
    expect((await indexRow(created.id))?.name).toBe(renamed);
    const actions = (await listAudit({ workOrderId: created.id })).map((r) => `${r.action}:${r.outcome}`);
    expect(actions).toEqual(
      expect.arrayContaining([
        'work_order.update:succeeded',
        'metadata.update:succeeded',
        'metadata.replace:succeeded',
        'work_order.replace:succeeded',
      ]),
    );
  });

  it('refuses unknown fields before any upstream call, and maps an upstream refusal to its field', async () => {
    const ctx = context();
    expect(await failureOf(() => createWorkOrder(ctx, { body: async () => ({ name: uniqueName(), progress_score: 100 }) }))).toMatchObject({
      code: 'validation_failed',
      fields: { progress_score: 'unknown_field' },
    });
    expect(await failureOf(() => updateWorkOrder(ctx, { params: { id: crypto.randomUUID() }, body: async () => ({}) }))).toMatchObject({
      code: 'validation_failed',
    });
    expect(await ledgerOfRequest(ctx.requestId)).toEqual([]);
    // Any name is valid upstream; an unknown work-order type is not.
    const rejected = await failureOf(() =>
      createWorkOrder(context(), { body: async () => ({ name: uniqueName(), workOrderTypes: ['no-such-type'] }) }),
    );
    expect(rejected.code).toBe('upstream_rejected');
    expect(Object.keys(rejected.fields ?? {})).toContain('work_order_types');
  });

  it('deletes only as admin; the work order is then gone upstream and from the index', async () => {
    const created = await newWorkOrder();
    const ctx = context();
    expect(await failureOf(() => deleteWorkOrder(ctx, { params: { id: created.id } }))).toMatchObject({ code: 'forbidden', status: 403 });
    expect(await ledgerOfRequest(ctx.requestId)).toEqual([]);
    session.user = testUser('admin');
    await deleteWorkOrder(context(), { params: { id: created.id } });
    expect(await failureOf(() => getWorkOrderPage(context(), { params: { id: created.id } }))).toMatchObject({ code: 'not_found', status: 404 });
    expect(await indexRow(created.id)).toBeUndefined();
  });

  it('lets a viewer read but not write, with an empty ledger for every refusal', async () => {
    const created = await newWorkOrder();
    session.user = testUser('viewer');
    expect((await getWorkOrderPage(context(), { params: { id: created.id } })).workOrder.id).toBe(created.id);
    const photo = dataUri(testPhoto('viewer'));
    const attempts: Array<() => Promise<unknown>> = [
      () => createWorkOrder(context(), { body: async () => ({ name: uniqueName() }) }),
      () => updateWorkOrder(context(), { params: { id: created.id }, body: async () => ({ tags: ['x'] }) }),
      () => replaceWorkOrder(context(), { params: { id: created.id }, body: async () => ({ name: uniqueName() }) }),
      () => mergeWorkOrderMetadata(context(), { params: { id: created.id }, body: async () => ({ a: 1 }) }),
      () =>
        analyzeWorkOrder(context(), { params: { id: created.id }, body: async () => ({ taskGroupName: created.taskGroups[0].name, source: photo }) }),
      () =>
        startCallbackAnalysis(context(), {
          params: { id: created.id },
          body: async () => ({ taskGroupName: created.taskGroups[0].name, source: photo }),
        }),
    ];
    for (const attempt of attempts) expect(await failureOf(attempt)).toMatchObject({ code: 'forbidden' });
    const writes = (await ledger(`/v0.2/work-orders/${created.id}/`)).filter((e) => e.method !== 'GET');
    expect(writes).toHaveLength(0);
  });

  it('refuses malformed ids with 400 and an empty ledger', async () => {
    for (const bad of ['..', '%2e%2e/task-groups', 'ABC', `${crypto.randomUUID()}/x`]) {
      const ctx = context();
      expect(await failureOf(() => getWorkOrderPage(ctx, { params: { id: bad } }))).toMatchObject({ code: 'invalid_id', status: 400 });
      expect(await failureOf(() => getInputImage(ctx, { params: { id: crypto.randomUUID(), inputId: bad } }))).toMatchObject({ code: 'invalid_id' });
      expect(await failureOf(() => getTaskGroup(ctx, { params: { name: '../work-orders' } }))).toMatchObject({ code: 'invalid_id' });
      expect(await ledgerOfRequest(ctx.requestId)).toEqual([]);
    }
  });
});

describe('analysis', () => {
  it('analyses a photo synchronously in the user language, audits it and serves the photo through our proxy', async () => {
    const created = await newWorkOrder();
    const group = created.taskGroups[0];
    const ctx = { ...context(), locale: 'fr' as const };
    const response = await analyzeWorkOrder(ctx, {
      params: { id: created.id },
      body: async () => ({ taskGroupName: group.name, source: dataUri(testPhoto('sync-analysis')) }),
    });
    expect(['analysis_ok', 'analysis_ko', 'conformity_error']).toContain(response.result.status);
    expect(response.result.input?.imageUrl).toBe(`/api/work-orders/${created.id}/inputs/${response.result.input?.id}/image`);
    expect(response.workOrder?.inputs.map((i) => i.id)).toContain(response.result.input?.id);
    const [sent] = await ledgerOfRequest(ctx.requestId);
    expect(sent).toMatchObject({ method: 'POST', path: `/v0.2/work-orders/${created.id}/analyze/` });
    expect(sent.headers['accept-language']).toBe('fr');
    expect(await listAudit({ workOrderId: created.id, action: 'analysis' })).toHaveLength(1);

    const image = await getInputImage(context(), { params: { id: created.id, inputId: response.result.input!.id } });
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toMatch(/^image\/(png|jpeg|webp)$/);
    expect(image.headers.get('x-content-type-options')).toBe('nosniff');
    expect(image.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    const bytes = new Uint8Array(await image.arrayBuffer());
    expect(bytes.length).toBeGreaterThan(8);
  });

  it('refuses a file that is not what it claims before calling the upstream', async () => {
    const created = await newWorkOrder();
    const ctx = context();
    const fake = `data:image/png;base64,${Buffer.from('<html><script>alert(1)</script></html>').toString('base64')}`;
    expect(
      await failureOf(() =>
        analyzeWorkOrder(ctx, { params: { id: created.id }, body: async () => ({ taskGroupName: created.taskGroups[0].name, source: fake }) }),
      ),
    ).toMatchObject({
      code: 'validation_failed',
      fields: { source: 'unsupported_file_type' },
    });
    expect(await ledgerOfRequest(ctx.requestId)).toEqual([]);
  });

  it('round trip with callback: pending, the upstream calls our signed URL, the result is stored once', async () => {
    const created = await newWorkOrder();
    const group = created.taskGroups[0];
    const pending = await startCallbackAnalysis(context(), {
      params: { id: created.id },
      body: async () => ({ taskGroupName: group.name, source: dataUri(testPhoto('callback-analysis')) }),
    });
    expect(pending.status).toBe('pending');
    const [sent] = await ledger(`/v0.2/work-orders/${created.id}/analyze/callback/`, 'POST');
    const callbackUrl = new URL((sent.body as { callback_url: string }).callback_url);
    expect(callbackUrl.pathname).toBe(`/api/callbacks/analysis/${pending.analysisId}`);
    expect(callbackUrl.searchParams.get('sig')).toBe(signAnalysisId(pending.analysisId));

    let analysis = await getAnalysis(context(), { params: { id: created.id, analysisId: pending.analysisId } });
    for (let i = 0; i < 150 && analysis.status === 'pending'; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      analysis = await getAnalysis(context(), { params: { id: created.id, analysisId: pending.analysisId } });
    }
    expect(analysis.status).toBe('completed');
    expect(analysis.result?.input?.imageUrl).toMatch(new RegExp(`^/api/work-orders/${created.id}/inputs/`));
    expect((await listAudit({ workOrderId: created.id, action: 'analysis' })).map((r) => r.outcome)).toEqual(['succeeded']);

    // The wrong work order in the URL is a 404, whoever asks.
    expect(await failureOf(() => getAnalysis(context(), { params: { id: crypto.randomUUID(), analysisId: pending.analysisId } }))).toMatchObject({
      code: 'not_found',
    });
  });

  it('the callback route refuses a bad signature, an unknown analysis and a non-JSON body', async () => {
    const created = await newWorkOrder();
    const pending = await startCallbackAnalysis(context(), {
      params: { id: created.id },
      body: async () => ({ taskGroupName: created.taskGroups[0].name, source: dataUri(testPhoto('forged')) }),
    });
    const body = JSON.stringify({
      analysis_id: 'x',
      work_order_id: created.id,
      status: 'analysis_ok',
      tasks: [],
      conformity_messages: [],
      input: null,
      progress_score: 100,
    });
    const call = (id: string, sig: string | null, contentType = 'application/json') =>
      callbackRoute(
        new NextRequest(`http://127.0.0.1/api/callbacks/analysis/${id}${sig === null ? '' : `?sig=${sig}`}`, {
          method: 'POST',
          headers: { 'content-type': contentType },
          body,
        }),
        { params: Promise.resolve({ analysisId: id }) },
      );
    expect((await call(pending.analysisId, null)).status).toBe(403);
    expect((await call(pending.analysisId, signAnalysisId(crypto.randomUUID()))).status).toBe(403);
    const unknown = crypto.randomUUID();
    expect((await call(unknown, signAnalysisId(unknown))).status).toBe(404);
    expect((await call(pending.analysisId, signAnalysisId(pending.analysisId), 'text/plain')).status).toBe(415);
  });
});

describe('task groups and reason codes', () => {
  it('lists task groups in order, retrieves one and proxies its example photo', async () => {
    session.user = testUser('viewer');
    const groups = await listTaskGroups(context());
    expect(groups.length).toBeGreaterThan(0);
    expect(groups.map((g) => g.order)).toEqual([...groups.map((g) => g.order)].sort((a, b) => a - b));
    const withExample = groups.find((g) => g.exampleImageUrls.length > 0) ?? groups[0];
    const one = await getTaskGroup(context(), { params: { name: withExample.name } });
    expect(one.name).toBe(withExample.name);
    expect(JSON.stringify(one)).not.toMatch(/https?:\/\//);
    if (withExample.exampleImageUrls.length > 0) {
      const image = await getTaskGroupExample(context(), { params: { name: withExample.name, index: '0' } });
      expect(image.headers.get('content-type')).toMatch(/^image\//);
      await image.arrayBuffer();
    }
    expect(await failureOf(() => getTaskGroupExample(context(), { params: { name: withExample.name, index: '999' } }))).toMatchObject({
      code: 'not_found',
    });
    expect(await failureOf(() => getTaskGroupExample(context(), { params: { name: withExample.name, index: '-1' } }))).toMatchObject({
      code: 'invalid_id',
    });
  });

  it('lets admins add, rename and deactivate reason codes; the correction form only offers active ones', async () => {
    const code = `int_${crypto.randomUUID().slice(0, 8).replace(/-/g, '')}`;
    expect(await failureOf(() => createReasonCode(context(), { body: async () => ({ code, labels: { en: 'x' } }) }))).toMatchObject({
      code: 'forbidden',
    });
    session.user = testUser('admin');
    const created = await createReasonCode(context(), {
      body: async () => ({ code, labels: { en: 'Cable hidden', fr: 'Câble caché' }, sortOrder: 5 }),
    });
    expect(created).toMatchObject({ code, label: 'Cable hidden', active: true });
    expect(await failureOf(() => createReasonCode(context(), { body: async () => ({ code, labels: { en: 'again' } }) }))).toMatchObject({
      fields: { code: 'duplicate' },
    });
    expect(await failureOf(() => createReasonCode(context(), { body: async () => ({ code: 'Bad Code', labels: { en: 'x' } }) }))).toMatchObject({
      code: 'validation_failed',
    });
    const updated = await updateReasonCode({ ...context(), locale: 'fr' }, { params: { code }, body: async () => ({ active: false }) });
    expect(updated).toMatchObject({ active: false, label: 'Câble caché' });
    expect((await listReasonCodes(context())).map((c) => c.code)).not.toContain(code);
    expect((await listAllReasonCodes(context())).map((c) => c.code)).toContain(code);
    expect(
      await failureOf(() => updateReasonCode(context(), { params: { code: 'no_such_code' }, body: async () => ({ active: true }) })),
    ).toMatchObject({ code: 'not_found' });
    expect((await listAudit({ action: 'reason_code.update' })).some((r) => (r.details as { code?: string }).code === code)).toBe(true);
  });

  it('lists the seeded reason codes in the user language', async () => {
    session.user = testUser('viewer');
    const codes = await listReasonCodes({ ...context(), locale: 'fr' });
    expect(codes.map((c) => c.code)).toContain('ai_false_positive');
    expect(codes.find((c) => c.code === 'other')?.label).toBe('Autre');
    expect(await failureOf(() => listAllReasonCodes(context()))).toMatchObject({ code: 'forbidden' });
  });
});

describe('correction route (headers and wrapper)', () => {
  it('needs the same origin, answers 428 without If-Match, and marks replays', async () => {
    const created = await newWorkOrder();
    const group = created.taskGroups.find((g) => g.tasks.some((t) => t.outcomeType === 'Boolean'))!;
    const task = group.tasks.find((t) => t.outcomeType === 'Boolean')!;
    await forceAnalysis(created.id, group.name, { [task.name]: true });
    const fresh = (await getWorkOrderPage(context(), { params: { id: created.id } })).workOrder.taskGroups
      .flatMap((g) => g.tasks)
      .find((t) => t.id === task.id)!;
    const url = `http://127.0.0.1:3999/api/work-orders/${created.id}/tasks/${task.id}/correction`;
    const key = crypto.randomUUID();
    const send = (headers: Record<string, string>) =>
      correctionRoute(
        new NextRequest(url, {
          method: 'PATCH',
          headers: { 'content-type': 'application/json', origin: 'http://127.0.0.1:3999', ...headers },
          body: JSON.stringify({ correctedValue: false, reason: 'ai_false_positive' }),
        }),
        { params: Promise.resolve({ id: created.id, taskId: task.id }) },
      );
    expect((await send({ origin: 'https://evil.example', 'idempotency-key': key, 'if-match': `"${fresh.version}"` })).status).toBe(403);
    const missing = await send({ 'idempotency-key': key });
    expect(missing.status).toBe(428);
    expect(await missing.json()).toMatchObject({ error: 'precondition_required' });
    const first = await send({ 'idempotency-key': key, 'if-match': `"${fresh.version}"` });
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('private, no-store');
    const replay = await send({ 'idempotency-key': key, 'if-match': `"${fresh.version}"` });
    expect(replay.status).toBe(200);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(await replay.json()).toEqual(await first.json());
    expect(await ledger(`/v0.2/work-orders/${created.id}/tasks/`, 'PATCH')).toHaveLength(1);
  });

  it('maps an upstream 500 during the read before the PATCH to 502 and frees the key', async () => {
    const created = await newWorkOrder();
    const task = created.taskGroups.flatMap((g) => g.tasks)[0];
    const remove = await addFault({ method: 'GET', path: `/v0.2/work-orders/${created.id}/`, status: 500, times: 10 });
    try {
      const response = await correctionRoute(
        new NextRequest(`http://127.0.0.1:3999/api/work-orders/${created.id}/tasks/${task.id}/correction`, {
          method: 'PATCH',
          headers: {
            'content-type': 'application/json',
            origin: 'http://127.0.0.1:3999',
            'idempotency-key': crypto.randomUUID(),
            'if-match': `"${task.version}"`,
          },
          body: JSON.stringify({ correctedValue: true, reason: 'other' }),
        }),
        { params: Promise.resolve({ id: created.id, taskId: task.id }) },
      );
      expect(response.status).toBe(502);
      const body = await response.json();
      expect(body).toMatchObject({ error: 'upstream_error' });
      expect(JSON.stringify(body)).not.toContain(process.env.DEEPOMATIC_API_KEY ?? 'no-key');
      expect(JSON.stringify(body)).not.toContain('127.0.0.1');
    } finally {
      await remove();
    }
    expect(await ledger(`/v0.2/work-orders/${created.id}/tasks/`, 'PATCH')).toHaveLength(0);
  });
});
