import 'server-only';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '@/lib/server/audit';
import { getDb, type Db } from '@/lib/server/db/client';
import { users, workOrderIndex, workOrderReviews, type ReviewStatus } from '@/lib/server/db/schema';
import { parseWorkOrderId } from '@/lib/server/deepomatic/ids';
import { AppError } from '@/lib/server/http/errors';
import { countWorkOrders, nextWorkOrderId, scopeCondition, scoped, whereOf } from '@/lib/server/index/search';
import { announceWorkOrdersReviewed } from '@/lib/server/webhooks/announce';
import { parseWorkOrderQuery, toQueryString } from '@/lib/shared/work-order-filters';
import { operation } from './operation';
import { parseQueryOrThrow, searchParamsSchema, workOrderParams } from './validation';

/**
 * Review state is ours (the upstream has none): `work_order_reviews` is the record, and the
 * index row carries a copy so the worklist filter and sort stay one indexed scan. Both are
 * written in one transaction. Supervisors and admins only; every change is audited.
 */

export interface ReviewState {
  id: string;
  status: ReviewStatus;
  reviewedAt: string | null;
  /** The reviewer's e-mail (null when reopened, or when that user no longer exists). */
  reviewedBy: string | null;
}

const MAX_QUERY = 8_192;
const MAX_IDS = 1_000;

const singleBody = z.strictObject({
  status: z.enum(['reviewed', 'to_review']),
  /** The list query the user came from: the answer then names the next work order in it. */
  query: z.string().max(MAX_QUERY).optional(),
});

const bulkBody = z.union([
  z.strictObject({
    status: z.enum(['reviewed', 'to_review']),
    ids: z.array(z.string().max(64)).min(1).max(MAX_IDS),
  }),
  z.strictObject({
    status: z.enum(['reviewed', 'to_review']),
    /** "All N matching": the list query string. */
    query: z.string().max(MAX_QUERY),
    /** The count the user confirmed; if the match count changed since, nothing is done (409). */
    expectedCount: z.number().int().min(0),
  }),
]);

/** The review state of one work order (what the page's header shows). */
export async function readState(db: Db, id: string): Promise<ReviewState> {
  const [row] = await db
    .select({ status: workOrderReviews.status, reviewedAt: workOrderReviews.reviewedAt, reviewerEmail: users.email })
    .from(workOrderReviews)
    .leftJoin(users, eq(users.id, workOrderReviews.reviewedBy))
    .where(eq(workOrderReviews.workOrderId, id));
  return {
    id,
    status: row?.status ?? 'to_review',
    reviewedAt: row?.reviewedAt?.toISOString() ?? null,
    reviewedBy: row?.reviewerEmail ?? null,
  };
}

/** GET /api/work-orders/{id}/review[?<list query>] — the review state, and the next id of the list. */
export const getReview = operation({
  role: 'viewer',
  scope: 'workOrder',
  input: {
    params: workOrderParams,
    /** The list the user came from, if any: the answer then names the next work order in it. */
    query: searchParamsSchema((params) => {
      if (params.size === 0) return { ok: true, value: null };
      const parsed = parseWorkOrderQuery(params);
      return parsed.ok ? { ok: true, value: parsed.query } : parsed;
    }),
  },
  async run({ scope, input }): Promise<ReviewState & { nextId: string | null }> {
    const { id } = input.params;
    const db = await getDb();
    const state = await readState(db, id);
    return { ...state, nextId: input.query ? await nextWorkOrderId(db, scoped(input.query, scope), id) : null };
  },
});

/** POST /api/work-orders/{id}/review `{status, query?}` — mark reviewed / reopen one work order. */
export const setReview = operation({
  role: 'supervisor',
  scope: 'workOrder',
  input: { params: workOrderParams, body: singleBody },
  async run({ user, scope, input, ctx }): Promise<ReviewState & { nextId: string | null }> {
    const workOrderId = input.params.id;
    const body = input.body;
    const query = body.query !== undefined ? scoped(parseQueryOrThrow(body.query), scope) : null;
    const db = await getDb();
    const before = await readState(db, workOrderId);
    const now = new Date();
    const reviewedAt = body.status === 'reviewed' ? now : null;
    const reviewedBy = body.status === 'reviewed' ? user.id : null;
    await db.transaction(async (tx) => {
      await tx
        .insert(workOrderReviews)
        .values({ workOrderId, status: body.status, reviewedAt, reviewedBy, updatedAt: now })
        .onConflictDoUpdate({ target: workOrderReviews.workOrderId, set: { status: body.status, reviewedAt, reviewedBy, updatedAt: now } });
      await tx.update(workOrderIndex).set({ reviewStatus: body.status, reviewedAt }).where(eq(workOrderIndex.id, workOrderId));
      if (reviewedAt && before.status !== 'reviewed') await announceWorkOrdersReviewed(tx, [workOrderId], user.email, reviewedAt);
    });
    await recordAudit({
      actorId: user.id,
      actorEmail: user.email,
      action: body.status === 'reviewed' ? 'work_order_reviewed' : 'work_order_reopened',
      workOrderId,
      before: { status: before.status },
      after: { status: body.status },
      outcome: 'succeeded',
      requestId: ctx.requestId,
    });
    const nextId = query ? await nextWorkOrderId(db, query, workOrderId) : null;
    return { id: workOrderId, status: body.status, reviewedAt: reviewedAt?.toISOString() ?? null, reviewedBy: reviewedBy && user.email, nextId };
  },
});

/**
 * POST /api/work-orders/review — bulk mark reviewed / reopen, for the selected ids or for
 * "all N matching" a list query (set-based SQL: no cap, no per-row round trip). One audit row
 * names the action, the ids or the query, and how many work orders changed.
 */
export const bulkReview = operation({
  role: 'supervisor',
  scope: 'list',
  input: { body: bulkBody },
  async run({ user, scope, input, ctx }): Promise<{ status: ReviewStatus; updated: number }> {
    const body = input.body;
    const db = await getDb();
    const now = new Date();
    const reviewedAt = body.status === 'reviewed' ? now : null;
    const reviewedBy = body.status === 'reviewed' ? user.id : null;

    let target;
    let details: Record<string, unknown>;
    if ('ids' in body) {
      const ids = [...new Set(body.ids.map((id) => parseWorkOrderId(id)))];
      // Selected ids outside the user's teams are left as they are, like ids the index does not know.
      target = and(inArray(workOrderIndex.id, ids), scopeCondition(scope));
      details = { ids };
    } else {
      const query = scoped(parseQueryOrThrow(body.query), scope);
      const total = await countWorkOrders(db, query);
      if (total !== body.expectedCount) {
        throw new AppError('conflict', { details: { count: total } });
      }
      target = whereOf(query);
      details = { query: toQueryString(query, ['page', 'pageSize', 'cols']), matched: total };
    }
    const changing = and(target, sql`${workOrderIndex.reviewStatus} <> ${body.status}`);

    const updated = await db.transaction(async (tx) => {
      await tx.execute(sql`
        insert into ${workOrderReviews} (work_order_id, status, reviewed_at, reviewed_by, updated_at)
        select ${workOrderIndex.id}, ${body.status}, ${reviewedAt}, ${reviewedBy}, ${now}
          from ${workOrderIndex} where ${changing}
        on conflict (work_order_id) do update
          set status = excluded.status, reviewed_at = excluded.reviewed_at,
              reviewed_by = excluded.reviewed_by, updated_at = excluded.updated_at`);
      const rows = await tx
        .update(workOrderIndex)
        .set({ reviewStatus: body.status, reviewedAt })
        .where(changing)
        .returning({ id: workOrderIndex.id });
      if (reviewedAt)
        await announceWorkOrdersReviewed(
          tx,
          rows.map((row) => row.id),
          user.email,
          reviewedAt,
        );
      return rows.length;
    });
    await recordAudit({
      actorId: user.id,
      actorEmail: user.email,
      action: body.status === 'reviewed' ? 'work_orders_bulk_reviewed' : 'work_orders_bulk_reopened',
      after: { status: body.status },
      outcome: 'succeeded',
      requestId: ctx.requestId,
      details: { ...details, updated },
    });
    return { status: body.status, updated };
  },
});
