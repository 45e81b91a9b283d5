import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { listAudit } from '@/lib/server/audit';
import { findUserById, toSessionUser, type SessionUser } from '@/lib/server/auth/users';
import type { Db } from '@/lib/server/db/client';
import { users } from '@/lib/server/db/schema';
import { upsertIndexRows } from '@/lib/server/index/write';
import { workOrderToRow } from '@/lib/server/index/row';
import { EVERY_WORK_ORDER } from '@/lib/shared/work-order-scope';
import { session } from '@/test/fakes/authorize';
import { makeWorkOrder } from '@/test/fixtures/work-orders';
import { useTestDb } from '@/test/harness/db';
import { listUserGroups, nameUserGroup } from './user-groups';
import { createUser, updateUser } from './users';

vi.mock('@/lib/server/dal/authorize', () => import('@/test/fakes/authorize'));
vi.setConfig({ testTimeout: 30_000, hookTimeout: 60_000 });

let db: Db;
let close: () => Promise<void>;
let admin: SessionUser;
const ctx = (requestId = crypto.randomUUID()) => ({ requestId, locale: 'en' as const });

beforeAll(async () => {
  ({ db, close } = await useTestDb());
  const [row] = await db.insert(users).values({ email: 'root@example.test', role: 'admin' }).returning();
  admin = { id: row.id, email: row.email, name: null, role: 'admin', scope: EVERY_WORK_ORDER };
  await upsertIndexRows(db, [
    workOrderToRow(makeWorkOrder({ user_group_ids: ['north'] })),
    workOrderToRow(makeWorkOrder({ user_group_ids: ['north', 'south'] })),
  ]);
});
afterAll(async () => close());

describe("a user's teams", () => {
  it('default to every work order, as users were before teams', async () => {
    session.user = admin;
    const created = await createUser(ctx(), { body: async () => ({ email: 'plain@example.test', role: 'viewer' }) });
    expect(created.teams).toEqual({ allWorkOrders: true, userGroupIds: [], unassignedWorkOrders: false });
    expect(toSessionUser((await findUserById(db, created.id))!).scope).toEqual(EVERY_WORK_ORDER);
  });

  it('are changed by an admin, audited with who, before and after, and apply to the next read of the user without ending their sessions', async () => {
    session.user = admin;
    const created = await createUser(ctx(), { body: async () => ({ email: 'south@example.test', role: 'supervisor' }) });
    const [before] = await db.select().from(users).where(eq(users.id, created.id));
    const changed = await updateUser(ctx('teams-1'), {
      params: { id: created.id },
      body: async () => ({ allWorkOrders: false, userGroupIds: ['south', 'north', 'south'], unassignedWorkOrders: true }),
    });
    expect(changed.teams).toEqual({ allWorkOrders: false, userGroupIds: ['north', 'south'], unassignedWorkOrders: true });
    const row = (await findUserById(db, created.id))!;
    expect(toSessionUser(row).scope).toEqual({ all: false, groups: ['north', 'south'], unassigned: true });
    expect(row.sessionsValidAfter).toEqual(before.sessionsValidAfter);
    const [audit] = await listAudit({ action: 'user_teams_changed' }, db);
    expect(audit).toMatchObject({
      actorId: admin.id,
      actorEmail: admin.email,
      requestId: 'teams-1',
      before: { allWorkOrders: true, userGroupIds: [], unassignedWorkOrders: false },
      after: { allWorkOrders: false, userGroupIds: ['north', 'south'], unassignedWorkOrders: true },
      details: { userId: created.id, email: 'south@example.test' },
    });
    // The same teams again change nothing and write no row.
    await updateUser(ctx(), { params: { id: created.id }, body: async () => ({ userGroupIds: ['south', 'north'] }) });
    expect(await listAudit({ action: 'user_teams_changed' }, db)).toHaveLength(1);
  });

  it('refuse a user group id that is not one', async () => {
    session.user = admin;
    const created = await createUser(ctx(), { body: async () => ({ email: 'bad@example.test', role: 'viewer' }) });
    await expect(
      updateUser(ctx(), { params: { id: created.id }, body: async () => ({ userGroupIds: ['north', 'a b;drop'] }) }),
    ).rejects.toMatchObject({
      code: 'validation_failed',
      fields: { userGroupIds: 'userGroupInvalid' },
    });
  });

  it('are given at creation too', async () => {
    session.user = admin;
    const created = await createUser(ctx(), {
      body: async () => ({ email: 'north@example.test', role: 'viewer', allWorkOrders: false, userGroupIds: ['north'] }),
    });
    expect(created.teams).toEqual({ allWorkOrders: false, userGroupIds: ['north'], unassignedWorkOrders: false });
  });

  it('can only be changed by an admin', async () => {
    session.user = { ...admin, id: crypto.randomUUID(), role: 'supervisor' };
    await expect(updateUser(ctx(), { params: { id: admin.id }, body: async () => ({ allWorkOrders: true }) })).rejects.toMatchObject({
      code: 'forbidden',
    });
  });
});

describe('user groups', () => {
  it('lists the groups seen on work orders or given to users, with the names admins give them (audited)', async () => {
    session.user = admin;
    expect(await listUserGroups(ctx())).toEqual([
      { id: 'north', name: null, workOrders: 2 },
      { id: 'south', name: null, workOrders: 1 },
    ]);
    await nameUserGroup(ctx('name-1'), { params: { groupId: 'south' }, body: async () => ({ name: ' Équipe Sud ' }) });
    expect((await listUserGroups(ctx()))[0]).toEqual({ id: 'south', name: 'Équipe Sud', workOrders: 1 });
    const [audit] = await listAudit({ action: 'user_group_named' }, db);
    expect(audit).toMatchObject({ actorId: admin.id, requestId: 'name-1', before: { name: null }, after: { name: 'Équipe Sud' } });
    await nameUserGroup(ctx(), { params: { groupId: 'south' }, body: async () => ({ name: '' }) });
    expect((await listUserGroups(ctx())).find((group) => group.id === 'south')?.name).toBeNull();
  });
});
