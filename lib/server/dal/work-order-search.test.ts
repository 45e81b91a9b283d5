import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

vi.setConfig({ hookTimeout: 60_000, testTimeout: 30_000 });
import { eq } from 'drizzle-orm';
import { useTestDb } from '@/test/harness/db';
import type { Db } from '@/lib/server/db/client';
import { auditLog, savedViews, users, workOrderIndex, workOrderReviews } from '@/lib/server/db/schema';
import { AppError } from '@/lib/server/http/errors';
import { roleAtLeast, type Role } from '@/lib/shared/roles';
import { upsertIndexRows } from '@/lib/server/index/write';
import { workOrderToRow } from '@/lib/server/index/row';
import { makeWorkOrder } from '@/test/fixtures/work-orders';
import { nextWorkOrderId, scoped } from '@/lib/server/index/search';
import { parseWorkOrderQuery } from '@/lib/shared/work-order-filters';
import { EVERY_WORK_ORDER, type WorkOrderScope } from '@/lib/shared/work-order-scope';

function lyon() {
  const parsed = parseWorkOrderQuery('meta=city%3DLyon');
  if (!parsed.ok) throw new Error('the test query parses');
  return scoped(parsed.query, EVERY_WORK_ORDER);
}

// The session is next-auth's business (tested there); here the signed-in user is whoever we say.
const session = vi.hoisted(() => ({ user: null as null | { id: string; email: string; name: string | null; role: Role; scope: WorkOrderScope } }));
vi.mock('@/lib/server/dal/authorize', () => ({
  requireUser: async () => {
    if (!session.user) throw new AppError('unauthenticated');
    return session.user;
  },
  requireRole: async (min: Role) => {
    if (!session.user) throw new AppError('unauthenticated');
    if (!roleAtLeast(session.user.role, min)) throw new AppError('forbidden');
    return session.user;
  },
}));

const { searchWorkOrders, exportWorkOrdersCsv, suggestMetadataValues, csvSafe } = await import('./work-order-search');
const { setReview, bulkReview, getReview } = await import('./review');
const { createSavedView, listSavedViews, deleteSavedView, updateSavedView } = await import('./saved-views');

let db: Db;
let close: () => Promise<void>;
const people: Record<Role, { id: string; email: string; name: string | null; role: Role; scope: WorkOrderScope }> = {} as never;
const ctx = { requestId: '00000000-0000-4000-8000-000000000000', locale: 'en' as const };
const ids: string[] = [];

function as(role: Role) {
  session.user = people[role];
}

async function expectCode(promise: Promise<unknown>, code: string, fields?: Record<string, string>) {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  if (fields) expect((error as AppError).fields).toEqual(fields);
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

beforeAll(async () => {
  ({ db, close } = await useTestDb());
  for (const role of ['viewer', 'supervisor', 'admin'] as const) {
    const [row] = await db
      .insert(users)
      .values({ email: `${role}@example.com`, name: role, role })
      .returning();
    people[role] = { id: row.id, email: row.email, name: row.name, role, scope: EVERY_WORK_ORDER };
  }
  const rows = Array.from({ length: 5 }, (_, i) => {
    const workOrder = makeWorkOrder({
      name: i === 4 ? '=HYPERLINK("http://evil")' : `Site ${i}`,
      create_date: `2026-01-0${i + 1}T00:00:00.000000Z`,
      metadata: { city: i % 2 === 0 ? 'Lyon' : 'Paris' },
    });
    ids.push(workOrder.id);
    return workOrderToRow(workOrder);
  });
  await upsertIndexRows(db, rows);
});

afterAll(async () => {
  await close();
});

beforeEach(() => as('viewer'));

describe('search DAL', () => {
  it('needs a signed-in user', async () => {
    session.user = null;
    await expectCode(searchWorkOrders(ctx, { query: '' }), 'unauthenticated');
  });

  it('returns rows, total, facets and the canonical query', async () => {
    const result = await searchWorkOrders(ctx, { query: 'meta=city%3DLyon&pageSize=10' });
    expect(result.total).toBe(3);
    expect(result.rows.map((row) => row.id)).toEqual([ids[0], ids[2], ids[4]]);
    expect(result.rows[0]).toMatchObject({ reviewStatus: 'to_review', tasksCorrected: 1, metadata: { city: 'Lyon' } });
    expect(result.query).toBe('meta=city%3DLyon&pageSize=10');
    expect(result.facets.metadataKeys).toEqual(['city']);
    expect(result.sync).toMatchObject({ lastSyncedAt: null, total: 5 });
    expect((await searchWorkOrders(ctx, { query: 'meta=city%3DParis' })).total).toBe(2);
  });

  it('suggests the values of a metadata key, most frequent first, and names a missing or foreign parameter', async () => {
    expect(await suggestMetadataValues(ctx, { query: 'key=city' })).toEqual({ values: ['Lyon', 'Paris'] });
    expect(await suggestMetadataValues(ctx, { query: 'key=nothing-here' })).toEqual({ values: [] });
    await expectCode(suggestMetadataValues(ctx, { query: '' }), 'invalid_query', { key: 'required' });
    await expectCode(suggestMetadataValues(ctx, { query: 'key=city&evil=1' }), 'invalid_query', { evil: 'unknown_field' });
    await expectCode(suggestMetadataValues(ctx, { query: `key=${'k'.repeat(500)}` }), 'invalid_query', { key: 'too_long' });
  });

  it('refuses a hostile query with 400 invalid_query and field messages', async () => {
    await expectCode(searchWorkOrders(ctx, { query: 'sort=name;drop table users&evil=1' }), 'invalid_query', {
      sort: 'invalid_option',
      evil: 'unknown_field',
    });
    await expectCode(searchWorkOrders(ctx, { query: `q=${'x'.repeat(500)}` }), 'invalid_query', { q: 'too_long' });
  });

  it('exports exactly the filtered view as CSV, formulas neutralised, audited', async () => {
    const { stream, total } = await exportWorkOrdersCsv(ctx, { query: new URLSearchParams('meta=city%3DLyon&cols=name,metadata,progressScore') });
    expect(total).toBe(3);
    const csv = await readAll(stream);
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines[0]).toBe('id,name,progress_score,metadata.city');
    expect(lines).toHaveLength(4);
    expect(lines[3]).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(csvSafe('-1+2')).toBe("'-1+2");
    expect(csvSafe(-12)).toBe(-12);
    const [audit] = await db.select().from(auditLog).where(eq(auditLog.action, 'work_orders_exported'));
    expect(audit).toMatchObject({
      actorEmail: 'viewer@example.com',
      details: { total: 3, query: 'meta=city%3DLyon&cols=name%2Cmetadata%2CprogressScore' },
    });
  });

  it('names the next work order of a search (what a review from the list answers)', async () => {
    expect(await nextWorkOrderId(db, lyon(), ids[0])).toBe(ids[2]);
    as('supervisor');
    await expectCode(
      setReview(ctx, { params: { id: '../etc' }, body: async () => ({ status: 'reviewed', query: 'meta=city%3DLyon' }) }),
      'invalid_id',
    );
  });
});

describe('review DAL', () => {
  it('is refused to viewers', async () => {
    await expectCode(setReview(ctx, { params: { id: ids[0] }, body: async () => ({ status: 'reviewed' }) }), 'forbidden');
    await expectCode(bulkReview(ctx, { body: async () => ({ status: 'reviewed', ids: [ids[0]] }) }), 'forbidden');
  });

  it('marks one reviewed and reopens it, in both tables, audited, with the next id', async () => {
    as('supervisor');
    const reviewed = await setReview(ctx, { params: { id: ids[0] }, body: async () => ({ status: 'reviewed', query: '' }) });
    expect(reviewed).toMatchObject({ status: 'reviewed', reviewedBy: people.supervisor.email, nextId: ids[1] });
    const [row] = await db.select().from(workOrderIndex).where(eq(workOrderIndex.id, ids[0]));
    expect(row.reviewStatus).toBe('reviewed');
    expect((await getReview(ctx, { params: { id: ids[0] }, query: new URLSearchParams() })).status).toBe('reviewed');
    expect((await searchWorkOrders(ctx, { query: '' })).total).toBe(4);

    await setReview(ctx, { params: { id: ids[0] }, body: async () => ({ status: 'to_review' }) });
    const [review] = await db.select().from(workOrderReviews).where(eq(workOrderReviews.workOrderId, ids[0]));
    expect(review).toMatchObject({ status: 'to_review', reviewedAt: null });
    const actions = (await db.select().from(auditLog).where(eq(auditLog.workOrderId, ids[0]))).map((entry) => entry.action);
    expect(actions).toEqual(['work_order_reviewed', 'work_order_reopened']);
  });

  it('validates the body', async () => {
    as('supervisor');
    await expectCode(setReview(ctx, { params: { id: ids[0] }, body: async () => ({ status: 'done' }) }), 'validation_failed');
    await expectCode(bulkReview(ctx, { body: async () => ({ status: 'reviewed', ids: ['not-a-uuid'] }) }), 'invalid_id');
    await expectCode(bulkReview(ctx, { body: async () => ({ status: 'reviewed', query: 'foo=1', expectedCount: 1 }) }), 'invalid_query');
  });

  it('bulk: selected ids, then all N matching with a count check', async () => {
    as('supervisor');
    expect(await bulkReview(ctx, { body: async () => ({ status: 'reviewed', ids: [ids[1], ids[1], ids[3]] }) })).toEqual({
      status: 'reviewed',
      updated: 2,
    });
    expect((await searchWorkOrders(ctx, { query: '' })).total).toBe(3);

    await expectCode(bulkReview(ctx, { body: async () => ({ status: 'reviewed', query: 'meta=city%3DLyon', expectedCount: 2 }) }), 'conflict');
    expect(await bulkReview(ctx, { body: async () => ({ status: 'reviewed', query: 'meta=city%3DLyon', expectedCount: 3 }) })).toEqual({
      status: 'reviewed',
      updated: 3,
    });
    expect((await searchWorkOrders(ctx, { query: '' })).total).toBe(0);
    expect(await db.$count(workOrderReviews, eq(workOrderReviews.status, 'reviewed'))).toBe(5);

    expect(await bulkReview(ctx, { body: async () => ({ status: 'to_review', query: 'review=reviewed', expectedCount: 5 }) })).toEqual({
      status: 'to_review',
      updated: 5,
    });
    expect((await searchWorkOrders(ctx, { query: '' })).total).toBe(5);
  });
});

describe('saved views DAL', () => {
  it('creates personal views; sharing needs a supervisor; names are unique per owner', async () => {
    const view = await createSavedView(ctx, {
      body: async () => ({ name: 'Lyon', query: 'meta=city%3DLyon&page=3&sort=-name', columns: ['name', 'progressScore'] }),
    });
    expect(view).toMatchObject({ name: 'Lyon', shared: false, query: 'meta=city%3DLyon&sort=-name', mine: true, editable: true });
    await expectCode(createSavedView(ctx, { body: async () => ({ name: 'Lyon', query: '', columns: ['name'] }) }), 'conflict', { name: 'duplicate' });
    await expectCode(createSavedView(ctx, { body: async () => ({ name: 'Shared', shared: true, query: '', columns: ['name'] }) }), 'forbidden');
    await expectCode(createSavedView(ctx, { body: async () => ({ name: 'Bad', query: 'evil=1', columns: ['name'] }) }), 'invalid_query');
    await expectCode(createSavedView(ctx, { body: async () => ({ name: 'Bad', query: '', columns: ['password'] }) }), 'validation_failed');
  });

  it('lists own and shared views; only the owner or an admin edits', async () => {
    as('supervisor');
    const shared = await createSavedView(ctx, {
      body: async () => ({ name: 'Team backlog', shared: true, query: 'review=to_review', columns: ['name'] }),
    });
    const personal = await createSavedView(ctx, { body: async () => ({ name: 'Mine only', query: '', columns: ['name'] }) });

    as('viewer');
    const seen = await listSavedViews(ctx);
    expect(seen.map((view) => view.name)).toEqual(['Lyon', 'Team backlog']);
    expect(seen.find((view) => view.name === 'Team backlog')).toMatchObject({ mine: false, editable: false });
    await expectCode(deleteSavedView(ctx, { params: { id: shared.id } }), 'forbidden');
    await expectCode(deleteSavedView(ctx, { params: { id: personal.id } }), 'not_found');

    as('admin');
    const renamed = await updateSavedView(ctx, { params: { id: shared.id }, body: async () => ({ name: 'Team backlog (old)' }) });
    expect(renamed).toMatchObject({ name: 'Team backlog (old)', editable: true, mine: false });
    await deleteSavedView(ctx, { params: { id: shared.id } });
    as('viewer');
    expect((await listSavedViews(ctx)).map((view) => view.name)).toEqual(['Lyon']);
  });

  it('opens a view saved with the old snake_case sort key and columns in today’s names', async () => {
    as('admin');
    const [row] = await db
      .insert(savedViews)
      .values({
        ownerId: people.admin.id,
        name: 'Saved long ago',
        shared: false,
        query: 'review=all&sort=-update_date',
        columns: ['name', 'progress_score', 'no_such_column'],
      })
      .returning();
    const view = (await listSavedViews(ctx)).find((candidate) => candidate.id === row.id);
    expect(view).toMatchObject({ query: 'review=all&sort=-updateDate', columns: ['name', 'progressScore'] });
    await deleteSavedView(ctx, { params: { id: row.id } });
  });
});
