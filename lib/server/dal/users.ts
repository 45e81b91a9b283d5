import 'server-only';
import { and, asc, count, eq, isNull, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '@/lib/server/audit';
import { hashPassword, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@/lib/server/auth/password';
import { findUserByEmail, findUserById, isUserId, normalizeEmail } from '@/lib/server/auth/users';
import { getDb, type Db } from '@/lib/server/db/client';
import { users, type UserRow } from '@/lib/server/db/schema';
import { AppError } from '@/lib/server/http/errors';
import { normalizedTeams, sameTeams, type AdminUser, type UserTeams } from '@/lib/shared/admin-users';
import { ROLES } from '@/lib/shared/roles';
import { isUserGroupId } from '@/lib/shared/work-order-scope';
import { operation } from './operation';

export type { AdminUser };

export function toAdminUser(row: UserRow): AdminUser {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    status: row.disabledAt ? 'disabled' : 'active',
    signIn: { password: Boolean(row.passwordHash), sso: Boolean(row.oidcSubject) },
    lastSignInAt: row.lastSignInAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    teams: teamsOf(row),
  };
}

export function teamsOf(row: UserRow): UserTeams {
  return normalizedTeams({ allWorkOrders: row.allWorkOrders, userGroupIds: row.userGroupIds, unassignedWorkOrders: row.unassignedWorkOrders });
}

// Field messages are keys of the `admin.errors` namespace, which the admin forms localise.
const email = z
  .string({ error: 'emailInvalid' })
  .trim()
  .toLowerCase()
  .max(254, { error: 'emailInvalid' })
  .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, { error: 'emailInvalid' });
const name = z.string({ error: 'nameInvalid' }).trim().max(200, { error: 'nameInvalid' });
const role = z.enum(ROLES, { error: 'roleInvalid' });
const password = z
  .string({ error: 'passwordTooShort' })
  .min(PASSWORD_MIN_LENGTH, { error: 'passwordTooShort' })
  .max(PASSWORD_MAX_LENGTH, { error: 'passwordTooLong' });

/** A user group id of the Deepomatic site: one line of text (the upstream decides what exists). */
export const userGroupId = z.string({ error: 'userGroupInvalid' }).trim().refine(isUserGroupId, { error: 'userGroupInvalid' });
const teamFields = {
  allWorkOrders: z.boolean({ error: 'teamsInvalid' }).optional(),
  userGroupIds: z.array(userGroupId, { error: 'teamsInvalid' }).max(100, { error: 'teamsInvalid' }).optional(),
  unassignedWorkOrders: z.boolean({ error: 'teamsInvalid' }).optional(),
};

const unknownField = { error: (issue: { code: string }) => (issue.code === 'unrecognized_keys' ? 'unknownField' : undefined) };

export const createUserInput = z.strictObject(
  {
    email,
    name: name.optional(),
    role,
    /** Omitted = the user signs in through SSO only. */
    password: password.optional(),
    ...teamFields,
  },
  unknownField,
);

export const updateUserInput = z
  .strictObject(
    {
      name: name.optional(),
      role: role.optional(),
      disabled: z.boolean({ error: 'disabledInvalid' }).optional(),
      password: password.optional(),
      ...teamFields,
    },
    unknownField,
  )
  .refine((value) => Object.keys(value).length > 0, { error: 'nothingToChange' });

const userParams = z.object({ id: z.custom<string>(isUserId, { message: 'invalid_format' }) });

/** GET /api/admin/users — every user, by e-mail. */
export const listUsers = operation({
  role: 'admin',
  scope: { none: 'the users of Field Review, not work orders' },
  async run(): Promise<AdminUser[]> {
    const rows = await (await getDb()).select().from(users).orderBy(asc(users.email));
    return rows.map(toAdminUser);
  },
});

/** POST /api/admin/users — create, or invite (no password: SSO only). */
export const createUser = operation({
  role: 'admin',
  scope: { none: 'the users of Field Review, not work orders' },
  input: { body: createUserInput },
  async run({ user: actor, input, ctx }): Promise<AdminUser> {
    const database = await getDb();
    const data = input.body;
    if (await findUserByEmail(database, data.email)) {
      throw new AppError('conflict', { fields: { email: 'emailTaken' } });
    }
    const now = new Date();
    const [row] = await database
      .insert(users)
      .values({
        email: normalizeEmail(data.email),
        name: data.name || null,
        role: data.role,
        passwordHash: data.password ? await hashPassword(data.password) : null,
        // Unless told otherwise a new user sees every work order, as users always did before teams.
        allWorkOrders: data.allWorkOrders ?? true,
        userGroupIds: [...new Set(data.userGroupIds ?? [])].sort(),
        unassignedWorkOrders: data.unassignedWorkOrders ?? false,
        sessionsValidAfter: now,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing()
      .returning();
    if (!row) throw new AppError('conflict', { fields: { email: 'emailTaken' } });
    await recordAudit(
      {
        action: 'user_created',
        actorId: actor.id,
        actorEmail: actor.email,
        after: { email: row.email, name: row.name, role: row.role, password: Boolean(data.password), teams: teamsOf(row) },
        outcome: 'succeeded',
        requestId: ctx.requestId,
        details: { userId: row.id },
      },
      database,
    );
    return toAdminUser(row);
  },
});

async function activeAdminCount(db: Db, excludingId: string): Promise<number> {
  const [result] = await db
    .select({ n: count() })
    .from(users)
    .where(and(eq(users.role, 'admin'), isNull(users.disabledAt), ne(users.id, excludingId)));
  return result.n;
}

/**
 * Changes name, role, enabled state or password. Role change, disable and password reset end
 * the user's sessions. Refuses to leave the install without an active admin, and an admin
 * cannot disable themselves.
 */
export const updateUser = operation({
  role: 'admin',
  scope: { none: 'the users of Field Review, not work orders' },
  input: { params: userParams, body: updateUserInput },
  async run({ user: actor, input, ctx }): Promise<AdminUser> {
    const { id } = input.params;
    const database = await getDb();
    const data = input.body;

    return database.transaction(async (tx) => {
      const txDb = tx as unknown as Db;
      // Lock the admins so two concurrent demotions cannot both pass the last-admin check.
      await tx.execute(sql`select id from ${users} where ${users.role} = 'admin' for update`);
      const current = await findUserById(txDb, id);
      if (!current) throw new AppError('not_found');

      const demoting = data.role !== undefined && data.role !== 'admin' && current.role === 'admin';
      const disabling = data.disabled === true && !current.disabledAt;
      if (disabling && current.id === actor.id) {
        throw new AppError('validation_failed', { fields: { disabled: 'cannotDisableSelf' } });
      }
      if ((demoting || disabling) && current.role === 'admin' && !current.disabledAt && (await activeAdminCount(txDb, current.id)) === 0) {
        throw new AppError('conflict', { fields: { [demoting ? 'role' : 'disabled']: 'lastAdmin' } });
      }

      const now = new Date();
      const changes: Partial<typeof users.$inferInsert> = { updatedAt: now };
      const before: Record<string, unknown> = {};
      const after: Record<string, unknown> = {};
      let endSessions = false;
      if (data.name !== undefined && (data.name || null) !== current.name) {
        changes.name = data.name || null;
        before.name = current.name;
        after.name = changes.name;
      }
      if (data.role !== undefined && data.role !== current.role) {
        changes.role = data.role;
        before.role = current.role;
        after.role = data.role;
        endSessions = true;
      }
      if (data.disabled !== undefined && data.disabled !== Boolean(current.disabledAt)) {
        changes.disabledAt = data.disabled ? now : null;
        before.disabled = Boolean(current.disabledAt);
        after.disabled = data.disabled;
        endSessions ||= data.disabled;
      }
      if (data.password !== undefined) {
        changes.passwordHash = await hashPassword(data.password);
        after.password = 'reset';
        endSessions = true;
      }
      // Teams take effect on the user's next request (the user is read again on each): their
      // sessions go on.
      const teamsBefore = teamsOf(current);
      const teamsAfter = normalizedTeams({
        allWorkOrders: data.allWorkOrders ?? teamsBefore.allWorkOrders,
        userGroupIds: data.userGroupIds ?? teamsBefore.userGroupIds,
        unassignedWorkOrders: data.unassignedWorkOrders ?? teamsBefore.unassignedWorkOrders,
      });
      const teamsChanged = !sameTeams(teamsBefore, teamsAfter);
      if (teamsChanged) Object.assign(changes, teamsAfter);
      if (Object.keys(after).length === 0 && !teamsChanged) return toAdminUser(current);
      if (endSessions) changes.sessionsValidAfter = now;

      const [row] = await tx.update(users).set(changes).where(eq(users.id, id)).returning();
      if (teamsChanged) {
        await recordAudit(
          {
            action: 'user_teams_changed',
            actorId: actor.id,
            actorEmail: actor.email,
            before: teamsBefore,
            after: teamsAfter,
            outcome: 'succeeded',
            requestId: ctx.requestId,
            details: { userId: id, email: current.email },
          },
          txDb,
        );
      }
      if (Object.keys(after).length === 0) return toAdminUser(row);
      const action =
        after.role !== undefined
          ? 'user_role_changed'
          : after.disabled === true
            ? 'user_disabled'
            : after.disabled === false
              ? 'user_enabled'
              : after.password
                ? 'user_password_reset'
                : 'user_updated';
      await recordAudit(
        {
          action,
          actorId: actor.id,
          actorEmail: actor.email,
          before,
          after,
          outcome: 'succeeded',
          requestId: ctx.requestId,
          details: { userId: id, email: current.email },
        },
        txDb,
      );
      return toAdminUser(row);
    });
  },
});

/** GET /api/admin/users/{id} */
export const getUser = operation({
  role: 'admin',
  scope: { none: 'the users of Field Review, not work orders' },
  input: { params: userParams },
  async run({ input }): Promise<AdminUser> {
    const row = await findUserById(await getDb(), input.params.id);
    if (!row) throw new AppError('not_found');
    return toAdminUser(row);
  },
});
