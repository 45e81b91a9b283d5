import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { listAudit } from '@/lib/server/audit';
import type { Db } from '@/lib/server/db/client';
import { oidcGroupMappings, users } from '@/lib/server/db/schema';
import { createTestDb } from '@/test/harness/db';
import type { OidcSettings } from './config';
import { resolveOidcUser } from './oidc';
import { claimValues } from './oidc-groups';
import { toSessionUser } from './users';

vi.setConfig({ testTimeout: 30_000, hookTimeout: 60_000 });

const settings: OidcSettings = {
  issuer: 'https://idp.example',
  clientId: 'c',
  clientSecret: 's',
  name: 'SSO',
  autoProvision: true,
  groupsClaim: 'groups',
};

let db: Db;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ db, close } = await createTestDb());
});
afterAll(async () => {
  await close?.();
});

async function signIn(profile: Record<string, unknown>) {
  const result = await resolveOidcUser(db, settings, { sub: 'kim-sub', email: 'kim@corp.example', ...profile }, null);
  if (!('user' in result)) throw new Error(result.refused);
  const [row] = await db.select().from(users).where(eq(users.id, result.user.id));
  return row;
}

describe('the SSO groups claim', () => {
  it('reads a list or a single value, and tells an absent claim apart', () => {
    expect(claimValues({ groups: ['a', 3, 'b'] }, 'groups')).toEqual(['a', 'b']);
    expect(claimValues({ groups: 'a' }, 'groups')).toEqual(['a']);
    expect(claimValues({}, 'groups')).toBeNull();
  });

  it('changes nothing while admins have mapped no value', async () => {
    const row = await signIn({ groups: ['field-north'] });
    expect(toSessionUser(row).scope).toEqual({ all: true });
  });

  it('sets the user groups mapped from the claim at each sign-in, audited', async () => {
    await db.insert(oidcGroupMappings).values([
      { claimValue: 'field-north', userGroupIds: ['g-north'] },
      { claimValue: 'field-south', userGroupIds: ['g-south', 'g-shared'] },
    ]);
    const first = await signIn({ groups: ['field-north', 'unmapped'] });
    expect(toSessionUser(first).scope).toEqual({ all: false, groups: ['g-north'], unassigned: false });
    const [audit] = await listAudit({ action: 'user_teams_changed' }, db);
    expect(audit).toMatchObject({
      actorId: first.id,
      before: { allWorkOrders: true, userGroupIds: [] },
      after: { allWorkOrders: false, userGroupIds: ['g-north'] },
      details: { via: 'oidc_groups_claim', claimValues: ['field-north', 'unmapped'] },
    });
    const moved = await signIn({ groups: 'field-south' });
    expect(toSessionUser(moved).scope).toEqual({ all: false, groups: ['g-shared', 'g-south'], unassigned: false });
    expect(await listAudit({ action: 'user_teams_changed' }, db)).toHaveLength(2);
  });

  it('leaves the teams alone when the IdP does not send the claim, and empties them when no value is mapped', async () => {
    expect(toSessionUser(await signIn({})).scope).toEqual({ all: false, groups: ['g-shared', 'g-south'], unassigned: false });
    expect(toSessionUser(await signIn({ groups: ['unmapped'] })).scope).toEqual({ all: false, groups: [], unassigned: false });
  });
});
