import 'server-only';
import { eq, inArray } from 'drizzle-orm';
import { recordAudit } from '@/lib/server/audit';
import type { Db } from '@/lib/server/db/client';
import { oidcGroupMappings, users, type UserRow } from '@/lib/server/db/schema';
import { normalizedTeams, sameTeams, type UserTeams } from '@/lib/shared/admin-users';

/**
 * The values of the configured groups claim in an IdP profile: a list of strings, or one
 * string. Null when the IdP did not send the claim (then the user's teams are left as they are:
 * an IdP that omits it now and then must not empty them).
 */
export function claimValues(profile: Record<string, unknown>, claim: string): string[] | null {
  const value = profile[claim];
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return null;
}

/**
 * Company SSO decides the teams of its users: at each sign-in, the user groups mapped (by
 * admins) from the values of the groups claim replace the user's own, and the user sees only
 * those (admins still see everything). Nothing happens while admins have mapped nothing, so
 * turning the claim on does not hide every work order at once. A change is audited like an
 * admin's, with the IdP as its origin.
 */
export async function teamsFromClaim(db: Db, user: UserRow, values: string[], now = new Date()): Promise<UserRow> {
  const mapped = values.length > 0 ? await db.select().from(oidcGroupMappings).where(inArray(oidcGroupMappings.claimValue, values)) : [];
  const anyMapping = mapped.length > 0 || (await db.select({ claimValue: oidcGroupMappings.claimValue }).from(oidcGroupMappings).limit(1)).length > 0;
  if (!anyMapping) return user;
  const before: UserTeams = normalizedTeams({
    allWorkOrders: user.allWorkOrders,
    userGroupIds: user.userGroupIds,
    unassignedWorkOrders: user.unassignedWorkOrders,
  });
  const after = normalizedTeams({
    allWorkOrders: false,
    userGroupIds: mapped.flatMap((row) => row.userGroupIds),
    unassignedWorkOrders: user.unassignedWorkOrders,
  });
  if (sameTeams(before, after)) return user;
  const [row] = await db
    .update(users)
    .set({ ...after, updatedAt: now })
    .where(eq(users.id, user.id))
    .returning();
  await recordAudit(
    {
      action: 'user_teams_changed',
      actorId: user.id,
      actorEmail: user.email,
      before,
      after,
      outcome: 'succeeded',
      details: { userId: user.id, email: user.email, via: 'oidc_groups_claim', claimValues: values.slice(0, 50) },
    },
    db,
  );
  return row;
}
