import 'server-only';
import { asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '@/lib/server/audit';
import { getDb } from '@/lib/server/db/client';
import { oidcGroupMappings, userGroupNames } from '@/lib/server/db/schema';
import { selectRows } from '@/lib/server/db/sql';
import type { UserGroupDto } from '@/lib/shared/user-groups';
import { isUserGroupId } from '@/lib/shared/work-order-scope';
import { operation } from './operation';
import { userGroupId } from './users';

/**
 * The Deepomatic site's user groups as admins assign them: every id the index has seen on a
 * work order, given to a user or named, with the name admins gave it (the upstream has ids
 * only) and how many indexed work orders carry it.
 */
export const listUserGroups = operation({
  role: 'admin',
  scope: { none: 'admins only, and admins see every work order' },
  async run(): Promise<UserGroupDto[]> {
    const rows = await selectRows<{ id: string; name: string | null; work_orders: number }>(
      await getDb(),
      sql`with seen as (
            select g.id, count(*)::int as work_orders from work_order_index cross join lateral unnest(user_group_ids) as g(id) group by g.id
          ), assigned as (
            select distinct unnest(user_group_ids) as id from users
          ), ids as (
            select id from seen union select id from assigned union select id from user_group_names
          )
          select ids.id, n.name, coalesce(seen.work_orders, 0)::int as work_orders
            from ids left join seen on seen.id = ids.id left join user_group_names n on n.id = ids.id
           order by n.name nulls last, ids.id
           limit 1000`,
    );
    return rows.map((row) => ({ id: row.id, name: row.name, workOrders: Number(row.work_orders) }));
  },
});

const groupParams = z.object({ groupId: z.custom<string>(isUserGroupId, { message: 'invalid_format' }) });
const nameBody = z.strictObject({ name: z.string().trim().max(120) });

/** PUT /api/admin/user-groups/{groupId} `{name}`: names a user group ('' forgets the name). Audited. */
export const nameUserGroup = operation({
  role: 'admin',
  scope: { none: 'the names of user groups, not work orders' },
  input: { params: groupParams, body: nameBody },
  async run({ user, input, ctx }): Promise<{ id: string; name: string | null }> {
    const db = await getDb();
    const id = input.params.groupId;
    const name = input.body.name || null;
    const [before] = await db.select({ name: userGroupNames.name }).from(userGroupNames).where(eq(userGroupNames.id, id));
    if (name === null) await db.delete(userGroupNames).where(eq(userGroupNames.id, id));
    else
      await db
        .insert(userGroupNames)
        .values({ id, name, updatedAt: new Date() })
        .onConflictDoUpdate({ target: userGroupNames.id, set: { name, updatedAt: new Date() } });
    await recordAudit({
      action: 'user_group_named',
      actorId: user.id,
      actorEmail: user.email,
      before: { name: before?.name ?? null },
      after: { name },
      outcome: 'succeeded',
      requestId: ctx.requestId,
      details: { userGroupId: id },
    });
    return { id, name };
  },
});

/** A value of the SSO groups claim and the user groups it grants. */
export interface OidcGroupMappingDto {
  claimValue: string;
  userGroupIds: string[];
}

/** GET /api/admin/oidc-group-mappings: the mapping from SSO group claim values to user groups. */
export const listOidcGroupMappings = operation({
  role: 'admin',
  scope: { none: 'the SSO mapping of claim values to user groups, not work orders' },
  async run(): Promise<OidcGroupMappingDto[]> {
    const rows = await (await getDb()).select().from(oidcGroupMappings).orderBy(asc(oidcGroupMappings.claimValue));
    return rows.map((row) => ({ claimValue: row.claimValue, userGroupIds: row.userGroupIds }));
  },
});

const claimValue = z
  .string()
  .max(200)
  .refine((value) => value.length > 0 && !/[\u0000-\u001f\u007f-\u009f]/.test(value), { message: 'invalid_format' });
const mappingBody = z.strictObject({ claimValue, userGroupIds: z.array(userGroupId).max(100) });

/**
 * PUT /api/admin/oidc-group-mappings `{claimValue, userGroupIds}`: sets what one claim value
 * grants ([] removes it). It applies at each user's next SSO sign-in. Audited.
 */
export const setOidcGroupMapping = operation({
  role: 'admin',
  scope: { none: 'the SSO mapping of claim values to user groups, not work orders' },
  input: { body: mappingBody },
  async run({ user, input, ctx }): Promise<OidcGroupMappingDto> {
    const db = await getDb();
    const { claimValue: value } = input.body;
    const userGroupIds = [...new Set(input.body.userGroupIds)].sort();
    const [before] = await db.select().from(oidcGroupMappings).where(eq(oidcGroupMappings.claimValue, value));
    if (userGroupIds.length === 0) await db.delete(oidcGroupMappings).where(eq(oidcGroupMappings.claimValue, value));
    else
      await db
        .insert(oidcGroupMappings)
        .values({ claimValue: value, userGroupIds, updatedAt: new Date() })
        .onConflictDoUpdate({ target: oidcGroupMappings.claimValue, set: { userGroupIds, updatedAt: new Date() } });
    await recordAudit({
      action: 'oidc_group_mapping_changed',
      actorId: user.id,
      actorEmail: user.email,
      before: { userGroupIds: before?.userGroupIds ?? [] },
      after: { userGroupIds },
      outcome: 'succeeded',
      requestId: ctx.requestId,
      details: { claimValue: value },
    });
    return { claimValue: value, userGroupIds };
  },
});
