import { eq } from 'drizzle-orm';
import type { NextAuthOptions } from 'next-auth';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { callAuth, csrfToken, readSession, type CookieJar } from '@/test/harness/auth';
import { startTestOidcIssuer, type TestOidcIssuer } from '@/test/fakes/oidc-issuer';
import type { Db } from '@/lib/server/db/client';
import { users } from '@/lib/server/db/schema';
import { useTestDb } from '@/test/harness/db';

// PGlite start-up and argon2 are CPU-bound; a shared, busy machine must not fail the suite.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 60_000 });

const APP_URL = 'http://127.0.0.1:3998';
process.env.APP_URL = APP_URL;
process.env.NEXTAUTH_SECRET = 'oidc-test-secret-0123456789abcdef';

let issuer: TestOidcIssuer;
let db: Db;
let close: () => Promise<void>;

async function optionsFor(env: Record<string, string | undefined>): Promise<NextAuthOptions> {
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  const { buildAuthOptions } = await import('./options');
  return buildAuthOptions();
}

/** The browser's part: follow the issuer's redirects (with its cookies) back to our callback. */
async function throughIssuer(authorizeUrl: string): Promise<URL> {
  const cookies = new Map<string, string>();
  let url = authorizeUrl;
  for (let hop = 0; hop < 10; hop += 1) {
    if (url.startsWith(APP_URL)) return new URL(url);
    const response = await fetch(url, { redirect: 'manual', headers: { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const index = pair.indexOf('=');
      cookies.set(pair.slice(0, index), pair.slice(index + 1));
    }
    const location = response.headers.get('location');
    if (!location) throw new Error(`issuer stopped at ${url} with ${response.status}: ${await response.text()}`);
    url = new URL(location, url).toString();
  }
  throw new Error('too many redirects at the issuer');
}

/** Runs the whole authorization code flow through next-auth's core and the test issuer. */
async function signInWithOidc(options: NextAuthOptions, sub: string): Promise<{ jar: CookieJar; error: string | null }> {
  issuer.loginAs(sub);
  const jar: CookieJar = new Map();
  const start = await callAuth(options, jar, {
    action: 'signin',
    providerId: 'oidc',
    method: 'POST',
    body: { csrfToken: await csrfToken(options, jar), callbackUrl: '/work-orders' },
  });
  expect(start.redirect).toMatch(new RegExp(`^${issuer.issuer}/auth\\?`));
  const authorize = new URL(start.redirect!);
  expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
  expect(authorize.searchParams.get('redirect_uri')).toBe(`${APP_URL}/api/auth/callback/oidc`);

  const back = await throughIssuer(start.redirect!);
  expect(back.pathname).toBe('/api/auth/callback/oidc');
  const done = await callAuth(options, jar, {
    action: 'callback',
    providerId: 'oidc',
    method: 'GET',
    query: Object.fromEntries(back.searchParams),
  });
  const error = done.redirect ? new URL(done.redirect, APP_URL).searchParams.get('error') : null;
  return { jar, error };
}

beforeAll(async () => {
  ({ db, close } = await useTestDb());
  issuer = await startTestOidcIssuer({
    redirectUris: [`${APP_URL}/api/auth/callback/oidc`],
    accounts: [
      { sub: 'alice-sub', email: 'Alice@Corp.example', name: 'Alice Example' },
      { sub: 'bob-sub', email: 'bob@corp.example', name: 'Bob Example' },
      { sub: 'mallory-sub', email: 'bob@corp.example', name: 'Not Bob' },
      { sub: 'unverified-sub', email: 'carol@corp.example', emailVerified: false },
    ],
  });
}, 60_000);
afterAll(async () => {
  await issuer?.close();
  await close?.();
});

describe('OIDC sign-in against a real test issuer', () => {
  it('is only offered when issuer, client id and secret are set', async () => {
    const without = await optionsFor({ OIDC_ISSUER: undefined, OIDC_CLIENT_ID: undefined, OIDC_CLIENT_SECRET: undefined });
    expect(without.providers.map((provider) => provider.id)).toEqual(['credentials']);
    const withOidc = await optionsFor({
      OIDC_ISSUER: issuer.issuer,
      OIDC_CLIENT_ID: issuer.clientId,
      OIDC_CLIENT_SECRET: issuer.clientSecret,
      OIDC_NAME: 'Corp SSO',
    });
    expect(withOidc.providers.map((provider) => provider.id)).toEqual(['credentials', 'oidc']);
    expect(withOidc.providers[1].name).toBe('Corp SSO');
  });

  it('creates a viewer on first sign-in, then signs the same identity in again', async () => {
    const options = await optionsFor({
      OIDC_ISSUER: issuer.issuer,
      OIDC_CLIENT_ID: issuer.clientId,
      OIDC_CLIENT_SECRET: issuer.clientSecret,
      OIDC_AUTO_PROVISION: undefined,
    });
    const first = await signInWithOidc(options, 'alice-sub');
    expect(first.error).toBeNull();
    const session = await readSession(options, first.jar);
    expect(session?.user).toMatchObject({ email: 'alice@corp.example', name: 'Alice Example', role: 'viewer' });
    const [row] = await db.select().from(users).where(eq(users.email, 'alice@corp.example'));
    expect(row).toMatchObject({ role: 'viewer', oidcIssuer: issuer.issuer, oidcSubject: 'alice-sub', passwordHash: null });

    // The role is ours: promote in the database, the next session read shows it.
    await db.update(users).set({ role: 'supervisor' }).where(eq(users.id, row.id));
    const again = await signInWithOidc(options, 'alice-sub');
    expect((await readSession(options, again.jar))?.user).toMatchObject({ id: row.id, role: 'supervisor' });
  });

  it('links an account an admin created by email, keeping its role', async () => {
    await db.insert(users).values({ email: 'bob@corp.example', role: 'supervisor' });
    const options = await optionsFor({ OIDC_AUTO_PROVISION: 'false' });
    const result = await signInWithOidc(options, 'bob-sub');
    expect(result.error).toBeNull();
    expect((await readSession(options, result.jar))?.user).toMatchObject({ email: 'bob@corp.example', role: 'supervisor' });
  });

  it('refuses another identity claiming a linked email', async () => {
    const options = await optionsFor({});
    const result = await signInWithOidc(options, 'mallory-sub');
    expect(result.error).toBe('OidcIdentityMismatch');
    expect(await readSession(options, result.jar)).toBeNull();
  });

  it('refuses an unverified email and, without auto-provisioning, an unknown user', async () => {
    const options = await optionsFor({ OIDC_AUTO_PROVISION: 'false' });
    expect((await signInWithOidc(options, 'unverified-sub')).error).toBe('OidcEmailMissing');
    issuer.addAccount({ sub: 'dave-sub', email: 'dave@corp.example' });
    const dave = await signInWithOidc(options, 'dave-sub');
    expect(dave.error).toBe('NotProvisioned');
    expect(await db.select().from(users).where(eq(users.email, 'dave@corp.example'))).toHaveLength(0);
  });

  it('builds the redirect_uri from APP_URL, never from Host or X-Forwarded-Host', async () => {
    const options = await optionsFor({});
    const jar: CookieJar = new Map();
    const start = await callAuth(options, jar, {
      action: 'signin',
      providerId: 'oidc',
      method: 'POST',
      body: { csrfToken: await csrfToken(options, jar), callbackUrl: 'https://evil.example/steal' },
      headers: { host: 'evil.example', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' },
    });
    const authorize = new URL(start.redirect!);
    expect(authorize.origin).toBe(issuer.issuer);
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${APP_URL}/api/auth/callback/oidc`);
  });

  it('refuses a disabled user', async () => {
    await db.update(users).set({ disabledAt: new Date() }).where(eq(users.email, 'bob@corp.example'));
    const options = await optionsFor({});
    expect((await signInWithOidc(options, 'bob-sub')).error).toBe('AccountDisabled');
  });
});
