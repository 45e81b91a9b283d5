import 'server-only';
import { and, asc, eq, or } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '@/lib/server/audit';
import { getDb } from '@/lib/server/db/client';
import { savedViews, users, type SavedViewRow } from '@/lib/server/db/schema';
import { AppError } from '@/lib/server/http/errors';
import { COLUMNS, columnNamed, parseWorkOrderQuery, toQueryString, type Column } from '@/lib/shared/work-order-filters';
import { roleAtLeast } from '@/lib/shared/roles';
import { REVIEW_QUEUE_PATH, type SavedViewDto } from '@/lib/shared/saved-views';
import type { SessionUser } from './authorize';
import { operation } from './operation';
import { parseQueryOrThrow, singleLine, uuidParam } from './validation';

/**
 * Saved views: a name, the list's query string (filters + sort + page size, never the page)
 * and the visible columns. Personal, or shared with everyone (sharing is for supervisors and
 * admins). Only the owner — or an admin — changes or deletes a view.
 */

export type { SavedViewDto };

const MAX_VIEWS_PER_USER = 200;

const viewFields = {
  name: singleLine(100).pipe(z.string().min(1)),
  shared: z.boolean(),
  query: z.string().max(8_192),
  columns: z.array(z.enum(COLUMNS)).min(1).max(COLUMNS.length),
};
const createBody = z.strictObject({ ...viewFields, shared: viewFields.shared.default(false) });
const updateBody = z.strictObject(viewFields).partial();

const viewParams = z.object({ id: uuidParam });

/** The stored form of a query: canonical, validated, without the page number. */
function canonicalQuery(query: string): string {
  return toQueryString(parseQueryOrThrow(query), ['page', 'cols']);
}

/** A view saved before sort keys and columns were renamed, as it is written today. */
function currentQuery(stored: string): string {
  const parsed = parseWorkOrderQuery(stored);
  return parsed.ok ? toQueryString(parsed.query, ['page', 'cols']) : stored;
}

function toDto(row: SavedViewRow, owner: { name: string | null; email: string }, user: SessionUser): SavedViewDto {
  const mine = row.ownerId === user.id;
  return {
    id: row.id,
    name: row.name,
    shared: row.shared,
    query: currentQuery(row.query),
    columns: row.columns.map(columnNamed).filter((column): column is Column => column !== null),
    owner: { id: row.ownerId, name: owner.name, email: owner.email },
    mine,
    editable: mine || user.role === 'admin',
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** GET /api/saved-views — the user's own views and every shared one, by name. */
export const listSavedViews = operation({
  role: 'viewer',
  scope: { none: 'saved list queries; the list they open is scoped by the search' },
  async run({ user }): Promise<SavedViewDto[]> {
    const db = await getDb();
    const rows = await db
      .select({ view: savedViews, ownerName: users.name, ownerEmail: users.email })
      .from(savedViews)
      .innerJoin(users, eq(users.id, savedViews.ownerId))
      .where(or(eq(savedViews.ownerId, user.id), eq(savedViews.shared, true)))
      .orderBy(asc(savedViews.name), asc(savedViews.id));
    return rows.map((row) => toDto(row.view, { name: row.ownerName, email: row.ownerEmail }, user));
  },
});

function isUniqueViolation(error: unknown): boolean {
  for (let current: unknown = error; current; current = (current as { cause?: unknown }).cause) {
    if ((current as { code?: unknown }).code === '23505') return true;
  }
  return false;
}

/** POST /api/saved-views `{name, shared?, query, columns}` → 201 the view. */
export const createSavedView = operation({
  role: 'viewer',
  scope: { none: 'saved list queries; the list they open is scoped by the search' },
  input: { body: createBody },
  async run({ user, input, ctx }): Promise<SavedViewDto> {
    const body = input.body;
    if (body.shared && !roleAtLeast(user.role, 'supervisor')) throw new AppError('forbidden', { fields: { shared: 'invalid' } });
    const query = canonicalQuery(body.query);
    const db = await getDb();
    const owned = await db.$count(savedViews, eq(savedViews.ownerId, user.id));
    if (owned >= MAX_VIEWS_PER_USER) throw new AppError('validation_failed', { fields: { name: 'too_big' } });
    try {
      const [row] = await db
        .insert(savedViews)
        .values({ ownerId: user.id, name: body.name, shared: body.shared, query, columns: body.columns })
        .returning();
      await recordAudit({
        actorId: user.id,
        actorEmail: user.email,
        action: 'saved_view_created',
        after: { id: row.id, name: row.name, shared: row.shared, query },
        outcome: 'succeeded',
        requestId: ctx.requestId,
      });
      return toDto(row, { name: user.name, email: user.email }, user);
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError('conflict', { fields: { name: 'duplicate' } });
      throw error;
    }
  },
});

async function editableView(id: string, user: SessionUser) {
  const db = await getDb();
  const [row] = await db
    .select({ view: savedViews, ownerName: users.name, ownerEmail: users.email })
    .from(savedViews)
    .innerJoin(users, eq(users.id, savedViews.ownerId))
    .where(and(eq(savedViews.id, id), or(eq(savedViews.ownerId, user.id), eq(savedViews.shared, true))));
  // Someone else's personal view does not exist, as far as this user can tell.
  if (!row) throw new AppError('not_found');
  if (row.view.ownerId !== user.id && user.role !== 'admin') throw new AppError('forbidden');
  return row;
}

/** PATCH /api/saved-views/{id} — rename, re-share, or replace the query / columns. */
export const updateSavedView = operation({
  role: 'viewer',
  scope: { none: 'saved list queries; the list they open is scoped by the search' },
  input: { params: viewParams, body: updateBody },
  async run({ user, input, ctx }): Promise<SavedViewDto> {
    const viewId = input.params.id;
    const body = input.body;
    const existing = await editableView(viewId, user);
    if (body.shared && !roleAtLeast(user.role, 'supervisor')) throw new AppError('forbidden', { fields: { shared: 'invalid' } });
    const changes = {
      ...(body.name !== undefined ? { name: body.name } : {}),
      ...(body.shared !== undefined ? { shared: body.shared } : {}),
      ...(body.query !== undefined ? { query: canonicalQuery(body.query) } : {}),
      ...(body.columns !== undefined ? { columns: body.columns } : {}),
      updatedAt: new Date(),
    };
    const db = await getDb();
    try {
      const [row] = await db.update(savedViews).set(changes).where(eq(savedViews.id, viewId)).returning();
      await recordAudit({
        actorId: user.id,
        actorEmail: user.email,
        action: 'saved_view_updated',
        before: { id: viewId, name: existing.view.name, shared: existing.view.shared, query: existing.view.query },
        after: { id: viewId, name: row.name, shared: row.shared, query: row.query },
        outcome: 'succeeded',
        requestId: ctx.requestId,
      });
      return toDto(row, { name: existing.ownerName, email: existing.ownerEmail }, user);
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError('conflict', { fields: { name: 'duplicate' } });
      throw error;
    }
  },
});

/** DELETE /api/saved-views/{id} → 204. */
export const deleteSavedView = operation({
  role: 'viewer',
  scope: { none: 'saved list queries; the list they open is scoped by the search' },
  input: { params: viewParams },
  async run({ user, input, ctx }): Promise<void> {
    const viewId = input.params.id;
    const existing = await editableView(viewId, user);
    const db = await getDb();
    await db.delete(savedViews).where(eq(savedViews.id, viewId));
    await recordAudit({
      actorId: user.id,
      actorEmail: user.email,
      action: 'saved_view_deleted',
      before: { id: viewId, name: existing.view.name, shared: existing.view.shared, query: existing.view.query },
      outcome: 'succeeded',
      requestId: ctx.requestId,
    });
  },
});

/**
 * Where home sends the signed-in user: the built-in Review queue while they have no saved view
 * of their own (a new user starts with the most doubtful work orders), the default list after.
 */
export const landingPath = operation({
  role: 'viewer',
  scope: { none: 'whether the user has saved views of their own' },
  async run({ user }): Promise<string> {
    const owned = await (await getDb()).$count(savedViews, eq(savedViews.ownerId, user.id));
    return owned === 0 ? REVIEW_QUEUE_PATH : '/work-orders';
  },
});
