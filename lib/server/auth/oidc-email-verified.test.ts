import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Db } from '@/lib/server/db/client';
import { users } from '@/lib/server/db/schema';
import { createTestDb } from '@/test/harness/db';
import type { OidcSettings } from './config';
import { emailUnverified, resolveOidcUser } from './oidc';

// PGlite start-up is CPU-bound; a shared, busy machine must not fail the suite.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 60_000 });

const settings: OidcSettings = { issuer: 'https://idp.example', clientId: 'c', clientSecret: 's', name: 'SSO', autoProvision: true };

let db: Db;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ db, close } = await createTestDb());
});
afterAll(async () => {
  await close?.();
});

describe('email_verified from the IdP', () => {
  it('reads "false" as a string (AWS Cognito userinfo) as not verified, like the boolean', () => {
    expect(emailUnverified(false)).toBe(true);
    expect(emailUnverified('false')).toBe(true);
    expect(emailUnverified(' False ')).toBe(true);
    expect(emailUnverified(true)).toBe(false);
    expect(emailUnverified('true')).toBe(false);
    expect(emailUnverified(undefined)).toBe(false);
  });

  it('a string "false" cannot take over an account an admin created, nor create one', async () => {
    const [invited] = await db.insert(users).values({ email: 'ann@corp.example', role: 'supervisor' }).returning();
    const takeover = await resolveOidcUser(db, settings, { sub: 'attacker', email: 'ann@corp.example', email_verified: 'false' }, null);
    expect(takeover).toEqual({ refused: 'OidcEmailMissing' });
    const [row] = await db.select().from(users).where(eq(users.id, invited.id));
    expect(row.oidcSubject).toBeNull();

    const fresh = await resolveOidcUser(db, settings, { sub: 'new-sub', email: 'new@corp.example', email_verified: 'false' }, null);
    expect(fresh).toEqual({ refused: 'OidcEmailMissing' });
    expect(await db.select().from(users).where(eq(users.email, 'new@corp.example'))).toHaveLength(0);
  });

  it('a string "true" links as the boolean does', async () => {
    const result = await resolveOidcUser(db, settings, { sub: 'ann-sub', email: 'Ann@Corp.example', email_verified: 'true' }, null);
    expect('user' in result && result.user).toMatchObject({ email: 'ann@corp.example', role: 'supervisor', oidcSubject: 'ann-sub' });
  });
});
