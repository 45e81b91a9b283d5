import 'server-only';
import { AppError } from './errors';

/**
 * CSRF defence for our own mutating route handlers. Next.js protects server actions
 * only, and next-auth only its own `/api/auth/*` POSTs, so every other mutation goes through
 * here:
 * - `Origin` present: it must equal the app's configured origin (from `APP_URL`, never from
 *   `Host`, which the client controls); `Origin: null` (sandboxed frames, odd redirects) is refused.
 * - `Origin` absent: the browser must say `Sec-Fetch-Site: same-origin`. A request with
 *   neither header is refused — scripts and tests must send `Origin` like a browser does.
 * - `Sec-Fetch-Site: cross-site` is refused whatever `Origin` says.
 */
export function checkOrigin(headers: Headers, appOrigin: string): void {
  if (!isSameOrigin(headers, appOrigin)) throw new AppError('bad_origin');
}

export function isSameOrigin(headers: Headers, appOrigin: string): boolean {
  const fetchSite = headers.get('sec-fetch-site')?.trim().toLowerCase();
  if (fetchSite === 'cross-site' || fetchSite === 'same-site') return false;

  const origin = headers.get('origin');
  if (origin !== null) {
    const value = origin.trim();
    if (value === '' || value.toLowerCase() === 'null') return false;
    const expected = configuredOrigin(appOrigin);
    return expected !== null && normaliseOrigin(value) === expected;
  }
  return fetchSite === 'same-origin';
}

/** The configured origin, from a URL that may carry a path or a default port. */
function configuredOrigin(appUrl: string): string | null {
  try {
    return new URL(appUrl).origin.toLowerCase();
  } catch {
    return null;
  }
}

/** `scheme://host[:port]` in lower case with the default port dropped; null if not an origin. */
function normaliseOrigin(value: string): string | null {
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    // An Origin header is exactly an origin: anything after it (path, user info) is forged.
    if (value.replace(/\/$/, '').toLowerCase() !== url.origin.toLowerCase()) return null;
    return url.origin.toLowerCase();
  } catch {
    return null;
  }
}
