/**
 * Signing in and out from the browser: the three form posts next-auth's own client makes, without
 * that client (a CommonJS module with its session provider, broadcast channel and generator
 * runtime, shipped with every page that can sign out). Each post carries next-auth's CSRF token
 * and asks for a JSON answer (`json=true`) holding the address to go to next.
 */
const AUTH_BASE = '/api/auth';

async function csrfToken(): Promise<string> {
  const response = await fetch(`${AUTH_BASE}/csrf`, { cache: 'no-store', credentials: 'same-origin' });
  if (!response.ok) throw new Error(`csrf ${response.status}`);
  return ((await response.json()) as { csrfToken: string }).csrfToken;
}

async function post(path: string, fields: Record<string, string>): Promise<{ ok: boolean; status: number; url: string | null }> {
  const body = new URLSearchParams({ ...fields, csrfToken: await csrfToken(), json: 'true' });
  const response = await fetch(`${AUTH_BASE}/${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body,
    credentials: 'same-origin',
  });
  const answer = (await response.json().catch(() => null)) as { url?: string } | null;
  return { ok: response.ok, status: response.status, url: answer?.url ?? null };
}

/** The `error` next-auth put in the address it answered (failed credentials, throttling…), if any. */
export function authError(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url, 'http://localhost').searchParams.get('error');
  } catch {
    return null;
  }
}

/** Email and password: `error` is null when the session cookie is set. Throws when offline. */
export async function signInWithPassword(email: string, password: string, callbackUrl: string): Promise<{ error: string | null }> {
  const result = await post('callback/credentials', { email, password, callbackUrl });
  const error = authError(result.url);
  return { error: result.ok && !error ? null : (error ?? 'generic') };
}

/** Single sign-on: leaves for the identity provider's page. Throws when offline. */
export async function redirectToSso(provider: string, callbackUrl: string): Promise<void> {
  const result = await post(`signin/${encodeURIComponent(provider)}`, { callbackUrl });
  window.location.assign(result.url ?? `${AUTH_BASE}/signin`);
}

/** Ends the session, then opens `callbackUrl` (the sign-in page). */
export async function signOut(callbackUrl: string): Promise<void> {
  const result = await post('signout', { callbackUrl });
  window.location.assign(result.url ?? callbackUrl);
}
