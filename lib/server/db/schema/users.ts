import { sql } from 'drizzle-orm';
import { boolean, check, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { Role } from '@/lib/shared/roles';

/**
 * People who may sign in. Email is stored lower-cased (unique). A user has a password hash,
 * an OIDC identity, or both. `disabledAt` set = may not sign in, and every session ends.
 * `sessionsValidAfter` is the per-user "not valid before" time: a session token issued
 * (authTime) before it is refused, which is how sign-out, disable and role change revoke
 * self-contained JWT sessions.
 * `allWorkOrders`, `userGroupIds` and `unassignedWorkOrders` are the user's team scope (see
 * `lib/shared/work-order-scope.ts`): admins see everything whatever they say.
 */
export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    name: text('name'),
    role: text('role').$type<Role>().notNull().default('viewer'),
    passwordHash: text('password_hash'),
    oidcIssuer: text('oidc_issuer'),
    oidcSubject: text('oidc_subject'),
    disabledAt: timestamp('disabled_at', { withTimezone: true, mode: 'date' }),
    sessionsValidAfter: timestamp('sessions_valid_after', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    allWorkOrders: boolean('all_work_orders').notNull().default(true),
    userGroupIds: text('user_group_ids')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    unassignedWorkOrders: boolean('unassigned_work_orders').notNull().default(false),
    lastSignInAt: timestamp('last_sign_in_at', { withTimezone: true, mode: 'date' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('users_email_key').on(t.email),
    uniqueIndex('users_oidc_identity_key').on(t.oidcIssuer, t.oidcSubject),
    check('users_role_check', sql`${t.role} in ('viewer', 'supervisor', 'admin')`),
    check('users_email_lower_check', sql`${t.email} = lower(${t.email})`),
  ],
);

export type UserRow = typeof users.$inferSelect;
export type NewUserRow = typeof users.$inferInsert;
