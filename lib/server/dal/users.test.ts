import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { EVERY_WORK_ORDER } from '@/lib/shared/work-order-scope';
import { listAudit } from '@/lib/server/audit';
import { authorizeCredentials } from '@/lib/server/auth/credentials';
import type { SessionUser } from '@/lib/server/auth/users';
import type { Db } from '@/lib/server/db/client';
import { users } from '@/lib/server/db/schema';
import { useTestDb } from '@/test/harness/db';
import { session } from '@/test/fakes/authorize';
import { createUser, listUsers, updateUser } from './users';

vi.mock('@/lib/server/dal/authorize', () => import('@/test/fakes/authorize'));

/** The operations, called as `actor` (the signed-in admin) under one request id. */
function create(actor: SessionUser, input: unknown, requestId: string = crypto.randomUUID()) {
  session.user = actor;
  return createUser({ requestId, locale: 'en' }, { body: async () => input });
}
function update(actor: SessionUser, id: string, input: unknown, requestId: string = crypto.randomUUID()) {
  session.user = actor;
  return updateUser({ requestId, locale: 'en' }, { params: { id }, body: async () => input });
}

// PGlite start-up and argon2 are CPU-bound; a shared, busy machine must not fail the suite.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 60_000 });

let db: Db;
let close: () => Promise<void>;
let admin: SessionUser;

beforeAll(async () => {
  ({ db, close } = await useTestDb());
  const [row] = await db.insert(users).values({ email: 'root@example.test', role: 'admin' }).returning();
  admin = { id: row.id, email: row.email, name: null, role: 'admin', scope: EVERY_WORK_ORDER };
}, 60_000);
afterAll(async () => close());

describe('users DAL', () => {
  it('creates a user with a hashed password, and audits it', async () => {
    const created = await create(
      admin,
      { email: '  New.Person@Example.TEST ', name: 'New Person', role: 'supervisor', password: 'a long enough password' },
      'rid-1',
    );
    expect(created).toMatchObject({ email: 'new.person@example.test', role: 'supervisor', status: 'active', signIn: { password: true, sso: false } });
    expect(created).not.toHaveProperty('passwordHash');
    const [row] = await db.select().from(users).where(eq(users.id, created.id));
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    const signedIn = await authorizeCredentials(db, { email: 'new.person@example.test', password: 'a long enough password', ip: null });
    expect(signedIn?.id).toBe(created.id);
    const [audit] = await listAudit({ actorId: admin.id, action: 'user_created' }, db);
    expect(audit.after).toMatchObject({ email: 'new.person@example.test', role: 'supervisor', password: true });
    expect(JSON.stringify(audit)).not.toContain('a long enough password');
  });

  it('creates an SSO-only user without a password', async () => {
    const created = await create(admin, { email: 'sso@example.test', role: 'viewer' });
    expect(created.signIn).toEqual({ password: false, sso: false });
    expect(await authorizeCredentials(db, { email: 'sso@example.test', password: 'anything at all', ip: null })).toBeNull();
  });

  it('rejects bad input field by field, and unknown fields (mass assignment)', async () => {
    await expect(create(admin, { email: 'not-an-email', role: 'boss', password: 'short' })).rejects.toMatchObject({
      code: 'validation_failed',
      fields: { email: 'emailInvalid', role: 'roleInvalid', password: 'passwordTooShort' },
    });
    await expect(create(admin, { email: 'x@example.test', role: 'viewer', passwordHash: 'x' })).rejects.toMatchObject({
      code: 'validation_failed',
      fields: { passwordHash: 'unknownField' },
    });
    await expect(update(admin, admin.id, {})).rejects.toMatchObject({ code: 'validation_failed' });
  });

  it('refuses a duplicate email', async () => {
    await expect(create(admin, { email: 'NEW.person@example.test', role: 'viewer' })).rejects.toMatchObject({
      code: 'conflict',
      fields: { email: 'emailTaken' },
    });
  });

  it('changes a role and ends the user’s sessions', async () => {
    const [before] = await db.select().from(users).where(eq(users.email, 'new.person@example.test'));
    const updated = await update(admin, before.id, { role: 'viewer' }, 'rid-2');
    expect(updated.role).toBe('viewer');
    const [after] = await db.select().from(users).where(eq(users.id, before.id));
    expect(after.sessionsValidAfter.getTime()).toBeGreaterThan(before.sessionsValidAfter.getTime());
    const [audit] = await listAudit({ action: 'user_role_changed' }, db);
    expect(audit).toMatchObject({ before: { role: 'supervisor' }, after: { role: 'viewer' }, requestId: 'rid-2' });
  });

  it('disables and enables a user; a disabled user cannot sign in', async () => {
    const [row] = await db.select().from(users).where(eq(users.email, 'new.person@example.test'));
    expect((await update(admin, row.id, { disabled: true })).status).toBe('disabled');
    await expect(authorizeCredentials(db, { email: row.email, password: 'a long enough password', ip: null })).rejects.toThrow('AccountDisabled');
    expect((await update(admin, row.id, { disabled: false })).status).toBe('active');
    expect((await listAudit({ action: 'user_disabled' }, db)).length).toBe(1);
    expect((await listAudit({ action: 'user_enabled' }, db)).length).toBe(1);
  });

  it('resets a password', async () => {
    const [row] = await db.select().from(users).where(eq(users.email, 'sso@example.test'));
    await update(admin, row.id, { password: 'brand new password' });
    expect(await authorizeCredentials(db, { email: 'sso@example.test', password: 'brand new password', ip: null })).toMatchObject({ id: row.id });
  });

  it('never leaves the install without an active admin', async () => {
    await expect(update(admin, admin.id, { role: 'supervisor' })).rejects.toMatchObject({ code: 'conflict', fields: { role: 'lastAdmin' } });
    await expect(update(admin, admin.id, { disabled: true })).rejects.toMatchObject({ fields: { disabled: 'cannotDisableSelf' } });
    // with a second admin, the first may step down
    const second = await create(admin, { email: 'second@example.test', role: 'admin', password: 'another long password' });
    const secondActor: SessionUser = { id: second.id, email: second.email, name: null, role: 'admin', scope: EVERY_WORK_ORDER };
    expect((await update(admin, admin.id, { role: 'supervisor' })).role).toBe('supervisor');
    // now `second` is the last admin: it cannot be disabled or demoted by anyone
    await expect(update(secondActor, second.id, { role: 'viewer' })).rejects.toMatchObject({ fields: { role: 'lastAdmin' } });
    await update(secondActor, admin.id, { role: 'admin' });
    expect((await listUsers({ requestId: crypto.randomUUID(), locale: 'en' })).filter((user) => user.role === 'admin')).toHaveLength(2);
  });

  it('answers not_found and invalid_id', async () => {
    await expect(update(admin, '00000000-0000-4000-8000-000000000000', { role: 'viewer' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(update(admin, '../etc', { role: 'viewer' })).rejects.toMatchObject({ code: 'invalid_id' });
  });
});
