import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { OAuthConfig } from 'next-auth/providers/oauth';
import { recordAudit } from '@/lib/server/audit';
import type { Db } from '@/lib/server/db/client';
import { users, type UserRow } from '@/lib/server/db/schema';
import type { OidcSettings } from './config';
import { claimValues, teamsFromClaim } from './oidc-groups';
import { findUserByEmail, isPlausibleEmail, normalizeEmail } from './users';

export const OIDC_PROVIDER_ID = 'oidc';

export interface OidcProfile {
  sub: string;
  email?: string;
  /** A boolean per OIDC Core; some issuers' userinfo sends "true" / "false" (AWS Cognito). */
  email_verified?: boolean | string;
  name?: string;
  preferred_username?: string;
  /** Any other claim, e.g. the groups claim (`OIDC_GROUPS_CLAIM`). */
  [claim: string]: unknown;
}

/** The generic OpenID Connect provider (authorization code + PKCE + state, discovery). */
export function oidcProvider(settings: OidcSettings): OAuthConfig<OidcProfile> {
  return {
    id: OIDC_PROVIDER_ID,
    name: settings.name,
    type: 'oauth',
    wellKnown: `${settings.issuer}/.well-known/openid-configuration`,
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    authorization: { params: { scope: 'openid email profile' } },
    idToken: true,
    checks: ['pkce', 'state', 'nonce'],
    userinfo: {
      // Many issuers put email/name only in the userinfo response, not in the ID token
      // (OIDC Core §5.4). The ID token is still verified; openid-client checks that userinfo's
      // `sub` matches it.
      async request({ tokens, client }) {
        // At run time this is openid-client's TokenSet (next-auth types it loosely).
        const tokenSet = tokens as unknown as { claims(): OidcProfile; access_token?: string };
        const claims = tokenSet.claims();
        if (claims.email || !tokenSet.access_token || !client.issuer.metadata.userinfo_endpoint) return claims;
        const userinfo = (await client.userinfo(tokenSet as never)) as Partial<OidcProfile>;
        return { ...claims, ...userinfo, sub: claims.sub };
      },
    },
    profile(profile) {
      return {
        id: profile.sub,
        email: profile.email ?? null,
        name: profile.name ?? profile.preferred_username ?? null,
      };
    },
  };
}

/** The IdP said the address is not verified — as a boolean, or as the string some userinfo endpoints send. */
export function emailUnverified(claim: OidcProfile['email_verified']): boolean {
  return claim === false || (typeof claim === 'string' && claim.trim().toLowerCase() === 'false');
}

export async function findUserByOidc(db: Db, issuer: string, subject: string): Promise<UserRow | undefined> {
  const [row] = await db
    .select()
    .from(users)
    .where(and(eq(users.oidcIssuer, issuer), eq(users.oidcSubject, subject)))
    .limit(1);
  return row;
}

export type OidcResolution = { user: UserRow } | { refused: 'AccountDisabled' | 'NotProvisioned' | 'OidcEmailMissing' | 'OidcIdentityMismatch' };

/**
 * Maps an IdP identity to our user: by (issuer, subject) first; else by email, linking an
 * account an admin created; else a new `viewer` when auto-provisioning is on. The role always
 * comes from our database, never from the IdP's claims. Every outcome is audited.
 */
export async function resolveOidcUser(
  db: Db,
  settings: OidcSettings,
  profile: OidcProfile,
  ip: string | null,
  now = new Date(),
): Promise<OidcResolution> {
  const email = profile.email ? normalizeEmail(profile.email) : null;
  const audit = (outcome: 'succeeded' | 'failed', details: Record<string, unknown>, actorId?: string) =>
    recordAudit({ action: 'sign_in', actorId, actorEmail: email, outcome, details: { provider: 'oidc', ip, ...details } }, db);

  let user = await findUserByOidc(db, settings.issuer, profile.sub);
  if (!user) {
    // An unverified address must not take over an existing account.
    if (!email || !isPlausibleEmail(email) || emailUnverified(profile.email_verified)) {
      await audit('failed', { reason: 'email_missing_or_unverified' });
      return { refused: 'OidcEmailMissing' };
    }
    const existing = await findUserByEmail(db, email);
    if (existing) {
      if (existing.oidcSubject && (existing.oidcSubject !== profile.sub || existing.oidcIssuer !== settings.issuer)) {
        await audit('failed', { reason: 'identity_mismatch' }, existing.id);
        return { refused: 'OidcIdentityMismatch' };
      }
      [user] = await db
        .update(users)
        .set({ oidcIssuer: settings.issuer, oidcSubject: profile.sub, updatedAt: now })
        .where(eq(users.id, existing.id))
        .returning();
    } else if (settings.autoProvision) {
      [user] = await db
        .insert(users)
        .values({
          email,
          name: profile.name ?? profile.preferred_username ?? null,
          role: 'viewer',
          oidcIssuer: settings.issuer,
          oidcSubject: profile.sub,
          // A session issued in this same millisecond must still be valid.
          sessionsValidAfter: new Date(now.getTime() - 1000),
        })
        .returning();
      await recordAudit(
        { action: 'user_created', actorId: user.id, actorEmail: email, after: { email, role: 'viewer' }, details: { via: 'oidc_auto_provision' } },
        db,
      );
    } else {
      await audit('failed', { reason: 'not_provisioned' });
      return { refused: 'NotProvisioned' };
    }
  }
  if (user.disabledAt) {
    await audit('failed', { reason: 'disabled' }, user.id);
    return { refused: 'AccountDisabled' };
  }
  const groups = settings.groupsClaim ? claimValues(profile, settings.groupsClaim) : null;
  if (groups) user = await teamsFromClaim(db, user, groups, now);
  await db.update(users).set({ lastSignInAt: now }).where(eq(users.id, user.id));
  await audit('succeeded', {}, user.id);
  return { user };
}
