import { NextResponse, type NextRequest } from 'next/server';
import { API_CONTENT_SECURITY_POLICY, SECURITY_HEADERS, contentSecurityPolicy, createNonce } from '@/lib/server/http/security-headers';
import { isUndecodablePath, undecodablePathResponse } from '@/lib/server/http/undecodable-path';

/**
 * Runs before every request (Next.js 16's successor to middleware). It is NOT an access
 * check — pages and route handlers check the session and role themselves through the DAL
 * (proxy checks have been bypassed too often). Here:
 * - a fresh `x-request-id` (UUID) for logs and audit rows; a client-sent one is replaced;
 * - internal Next.js headers a client must never send are stripped (CVE-2025-29927);
 * - a fresh CSP nonce per page request, on the request (Next.js applies it to its scripts)
 *   and on the response, plus HSTS, nosniff, Referrer-Policy, COOP;
 * - anonymous visitors of a page are sent to /sign-in straight away (UX only);
 * - a path whose percent-encoding is not UTF-8 gets our 400, not Next.js's plain 500.
 */

/** Session cookie of next-auth as configured in lib/server/auth (maybe chunked: `.0`, `.1`). */
const SESSION_COOKIE = /^(__Host-|__Secure-)?field-review\.session(\.\d+)?$/;

/** Pages anyone may see. Everything else under the app needs a session. */
const PUBLIC_PAGES = ['/sign-in'];

/** Headers only Next.js itself may set; a client sending them is attempting a bypass. */
const INTERNAL_HEADERS = [
  'x-middleware-subrequest',
  'x-middleware-prefetch',
  'x-nextjs-data',
  'x-invoke-path',
  'x-invoke-query',
  'next-resume',
  'x-now-route-matches',
];

export function proxy(request: NextRequest): NextResponse {
  const requestId = crypto.randomUUID();
  const { pathname, search } = request.nextUrl;
  const isApi = pathname === '/api' || pathname.startsWith('/api/');

  if (!isAllowedHost(request.headers.get('host') ?? request.nextUrl.host, pathname)) {
    return withSecurityHeaders(new NextResponse(null, { status: 421 }), API_CONTENT_SECURITY_POLICY, requestId);
  }

  if (isUndecodablePath(pathname)) {
    const refused = undecodablePathResponse(request, requestId);
    return withSecurityHeaders(new NextResponse(refused.body, refused), API_CONTENT_SECURITY_POLICY, requestId);
  }

  const requestHeaders = new Headers(request.headers);
  for (const name of INTERNAL_HEADERS) requestHeaders.delete(name);
  requestHeaders.set('x-request-id', requestId);
  // The path of the page being rendered (layouts cannot read it otherwise): for the sign-in
  // callback and the audit row of a refused page.
  requestHeaders.set('x-pathname', pathname);

  let csp = API_CONTENT_SECURITY_POLICY;
  if (!isApi) {
    const nonce = createNonce();
    csp = contentSecurityPolicy(nonce, {
      dev: process.env.NODE_ENV === 'development',
      https: isHttpsDeployment(request),
    });
    requestHeaders.set('x-nonce', nonce);
    requestHeaders.set('content-security-policy', csp);
  }

  let response: NextResponse;
  if (!isApi && !isPublicPage(pathname) && !isFrameworkPath(pathname) && !hasSessionCookie(request)) {
    const signIn = new URL('/sign-in', request.nextUrl.origin);
    if (pathname !== '/') signIn.searchParams.set('callbackUrl', `${pathname}${search}`);
    response = NextResponse.redirect(signIn, 307);
  } else {
    response = NextResponse.next({ request: { headers: requestHeaders } });
  }

  return withSecurityHeaders(response, csp, requestId);
}

function withSecurityHeaders(response: NextResponse, csp: string, requestId: string): NextResponse {
  response.headers.set('content-security-policy', csp);
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.headers.set(name, value);
  response.headers.set('x-request-id', requestId);
  return response;
}

const HEALTH_PATHS = new Set(['/api/health', '/api/health/live', '/api/health/ready']);

/**
 * With `ALLOWED_HOSTS` set (comma-separated `host[:port]`), requests for any other Host are
 * refused, so a forged Host cannot poison the absolute URLs we build. The health routes stay
 * reachable by address for load balancers and container health checks. Unset: every host is accepted (local use, tests).
 */
export function isAllowedHost(host: string | null, pathname: string): boolean {
  const allowed = (process.env.ALLOWED_HOSTS ?? '')
    .split(',')
    .map((entry) => entry.trim().toLowerCase())
    .filter(Boolean);
  if (allowed.length === 0 || HEALTH_PATHS.has(pathname)) return true;
  return host !== null && allowed.includes(host.trim().toLowerCase());
}

function isPublicPage(pathname: string): boolean {
  return PUBLIC_PAGES.some((page) => pathname === page || pathname.startsWith(`${page}/`));
}

/** Next.js's own endpoints (dev HMR, error overlay) are not pages. */
function isFrameworkPath(pathname: string): boolean {
  return pathname.startsWith('/_next/') || pathname.startsWith('/__nextjs');
}

function hasSessionCookie(request: NextRequest): boolean {
  return request.cookies.getAll().some((cookie) => SESSION_COOKIE.test(cookie.name) && cookie.value !== '');
}

function isHttpsDeployment(request: NextRequest): boolean {
  const configured = process.env.APP_URL || process.env.NEXTAUTH_URL;
  if (configured) return configured.startsWith('https://');
  return request.nextUrl.protocol === 'https:';
}

export const config = {
  matcher: [
    // Everything but build assets and the icon: those are static files with no per-user data,
    // and next.config.js gives them the static security headers.
    '/((?!_next/static|_next/image|favicon.ico|icon.svg|robots.txt).*)',
  ],
};
