import { createRequire } from 'node:module';
import path from 'node:path';
import type { NextAuthOptions } from 'next-auth';

// `next-auth/core` is not in the package's export map; its route handler and
// getServerSession both call it, and so do we, by file path.
const { AuthHandler } = createRequire(import.meta.url)(path.join(process.cwd(), 'node_modules/next-auth/core/index.js')) as {
  AuthHandler: (params: { options: NextAuthOptions; req: Record<string, unknown> }) => Promise<unknown>;
};

/**
 * Drives next-auth's real core (the same `AuthHandler` its route handler and
 * `getServerSession` call) without a Next.js request scope, so unit tests exercise the real
 * token encryption, callbacks, CSRF check and cookies.
 */
export type CookieJar = Map<string, string>;

interface CoreCookie {
  name: string;
  value: string;
  options?: { expires?: Date | string; maxAge?: number };
}

function applyCookies(jar: CookieJar, cookies: CoreCookie[] | undefined) {
  for (const cookie of cookies ?? []) {
    const expired = cookie.options?.maxAge === 0 || (cookie.options?.expires && new Date(cookie.options.expires).getTime() <= Date.now());
    if (expired || cookie.value === '') jar.delete(cookie.name);
    else jar.set(cookie.name, cookie.value);
  }
}

export interface CoreResponse {
  status: number;
  body: unknown;
  redirect?: string;
  cookies: CoreCookie[];
}

export async function callAuth(
  options: NextAuthOptions,
  jar: CookieJar,
  req: {
    action: string;
    providerId?: string;
    method: 'GET' | 'POST';
    body?: Record<string, string>;
    query?: Record<string, string>;
    headers?: Record<string, string>;
  },
): Promise<CoreResponse> {
  const response = (await AuthHandler({
    options: { ...options, secret: options.secret },
    req: {
      action: req.action,
      providerId: req.providerId,
      method: req.method,
      body: req.body,
      query: req.query ?? {},
      cookies: Object.fromEntries(jar),
      headers: { host: new URL(process.env.NEXTAUTH_URL ?? 'http://localhost:3000').host, ...req.headers },
    },
  })) as unknown as CoreResponse;
  applyCookies(jar, response.cookies);
  return { ...response, status: response.status ?? 200 };
}

export async function csrfToken(options: NextAuthOptions, jar: CookieJar): Promise<string> {
  const response = await callAuth(options, jar, { action: 'csrf', method: 'GET' });
  return (response.body as { csrfToken: string }).csrfToken;
}

/** POST /api/auth/callback/credentials; returns the error code from the redirect, if any. */
export async function signInWithPassword(
  options: NextAuthOptions,
  jar: CookieJar,
  email: string,
  password: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; error: string | null }> {
  const token = await csrfToken(options, jar);
  const response = await callAuth(options, jar, {
    action: 'callback',
    providerId: 'credentials',
    method: 'POST',
    body: { email, password, csrfToken: token, callbackUrl: '/' },
    headers,
  });
  const error = response.redirect ? new URL(response.redirect, 'http://x').searchParams.get('error') : null;
  return { status: response.status, error };
}

/** What `getServerSession` would return for this cookie jar (null when there is no session). */
export async function readSession(options: NextAuthOptions, jar: CookieJar, update?: unknown): Promise<Record<string, unknown> | null> {
  const response = await callAuth(options, jar, {
    action: 'session',
    method: update === undefined ? 'GET' : 'POST',
    body: update === undefined ? undefined : { csrfToken: await csrfToken(options, jar), data: update as string },
  });
  const body = response.body as Record<string, unknown> | undefined;
  return body && Object.keys(body).length ? body : null;
}

export async function signOut(options: NextAuthOptions, jar: CookieJar): Promise<void> {
  const token = await csrfToken(options, jar);
  await callAuth(options, jar, { action: 'signout', method: 'POST', body: { csrfToken: token } });
}
