import { NextRequest } from 'next/server';
import { unstable_doesMiddlewareMatch, getRedirectUrl } from 'next/experimental/testing/server';
import { describe, expect, it } from 'vitest';
import { config, proxy } from './proxy';

const APP = 'http://127.0.0.1:3000';
const SESSION = 'field-review.session=eyJhbGciOi';

function run(path: string, headers: Record<string, string> = {}) {
  return proxy(new NextRequest(`${APP}${path}`, { headers }));
}

/** The request headers Next will hand to the page (NextResponse.next({ request: { headers } })). */
function forwarded(response: Response, name: string): string | null {
  return response.headers.get(`x-middleware-request-${name}`);
}

describe('proxy — optimistic sign-in redirect', () => {
  it('sends an anonymous visitor of a page to /sign-in with the way back', () => {
    const response = run('/work-orders?status=open');
    expect(response.status).toBe(307);
    const location = new URL(getRedirectUrl(response) ?? '');
    expect(location.pathname).toBe('/sign-in');
    expect(location.searchParams.get('callbackUrl')).toBe('/work-orders?status=open');
  });

  it('lets a request with a session cookie through (the page checks it for real)', () => {
    expect(run('/work-orders', { cookie: SESSION }).status).toBe(200);
    expect(run('/work-orders', { cookie: '__Host-field-review.session.0=abc' }).status).toBe(200);
  });

  it('never redirects the sign-in page, API routes or framework endpoints', () => {
    expect(run('/sign-in').status).toBe(200);
    expect(run('/api/work-orders').status).toBe(200);
    expect(run('/api/auth/session').status).toBe(200);
    expect(run('/_next/webpack-hmr').status).toBe(200);
  });

  it('ignores look-alike cookies', () => {
    expect(run('/overview', { cookie: 'field-review.session-evil=1; next-auth.session-token=x' }).status).toBe(307);
  });
});

describe('proxy — request id and internal headers', () => {
  it('sets a fresh UUID request id, ignoring the client one', () => {
    const response = run('/api/health', { 'x-request-id': 'forged' });
    const id = forwarded(response, 'x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers.get('x-request-id')).toBe(id);
    expect(run('/api/health').headers.get('x-request-id')).not.toBe(id);
  });

  it('strips x-middleware-subrequest and other internal headers', () => {
    const response = run('/work-orders', {
      cookie: SESSION,
      'x-middleware-subrequest': 'proxy:proxy:proxy:proxy:proxy',
      'x-nextjs-data': '1',
      'next-resume': '1',
    });
    const overridden = response.headers.get('x-middleware-override-headers') ?? '';
    expect(overridden.split(',')).not.toContain('x-middleware-subrequest');
    expect(forwarded(response, 'x-middleware-subrequest')).toBeNull();
    expect(forwarded(response, 'x-nextjs-data')).toBeNull();
    expect(forwarded(response, 'next-resume')).toBeNull();
  });

  it('forwards the path for layouts', () => {
    expect(forwarded(run('/work-orders/abc', { cookie: SESSION }), 'x-pathname')).toBe('/work-orders/abc');
  });
});

describe('proxy — security headers', () => {
  it('gives each page a fresh nonce in a strict CSP, on the request and the response', () => {
    const first = run('/work-orders', { cookie: SESSION });
    const second = run('/work-orders', { cookie: SESSION });
    const csp = first.headers.get('content-security-policy') ?? '';
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(forwarded(first, 'x-nonce')).toBe(nonce);
    expect(forwarded(first, 'content-security-policy')).toBe(csp);
    expect(second.headers.get('content-security-policy')).not.toContain(nonce);
    expect(csp).toContain(`script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`);
    for (const directive of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'self'"]) {
      expect(csp).toContain(directive);
    }
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(csp).not.toMatch(/style-src-elem[^;]*'unsafe-inline'/);
  });

  it('puts the security headers on pages, redirects and API answers', () => {
    for (const response of [run('/work-orders', { cookie: SESSION }), run('/work-orders'), run('/api/health')]) {
      expect(response.headers.get('strict-transport-security')).toMatch(/max-age=(\d+); includeSubDomains/);
      expect(Number(/max-age=(\d+)/.exec(response.headers.get('strict-transport-security') ?? '')?.[1])).toBeGreaterThanOrEqual(31536000);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
      expect(response.headers.get('cross-origin-opener-policy')).toBe('same-origin');
      expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    }
  });

  it('gives API answers a policy that runs nothing', () => {
    expect(run('/api/health').headers.get('content-security-policy')).toMatch(/^default-src 'none'/);
  });
});

describe('proxy — matcher', () => {
  it.each([
    ['/work-orders', true],
    ['/api/work-orders', true],
    ['/sign-in', true],
    ['/_next/static/chunks/app.js', false],
    ['/_next/image', false],
    ['/favicon.ico', false],
  ])('%s → %s', (url, expected) => {
    expect(unstable_doesMiddlewareMatch({ config, url })).toBe(expected);
  });
});

describe('proxy — ALLOWED_HOSTS refuses foreign Host headers', () => {
  /** The Host a browser would send is the URL's host (fetch forbids setting Host by hand). */
  function runOn(origin: string, path: string, headers: Record<string, string> = {}) {
    return proxy(new NextRequest(`${origin}${path}`, { headers }));
  }

  it('accepts every host when unset, only the listed ones when set', () => {
    const previous = process.env.ALLOWED_HOSTS;
    try {
      delete process.env.ALLOWED_HOSTS;
      expect(runOn('http://evil.example', '/work-orders', { cookie: SESSION }).status).toBe(200);
      process.env.ALLOWED_HOSTS = 'review.example.com, app.internal:3000';
      expect(runOn('http://app.internal:3000', '/work-orders', { cookie: SESSION }).status).toBe(200);
      expect(runOn('https://review.example.com', '/work-orders', { cookie: SESSION }).status).toBe(200);
      const refused = runOn('http://evil.example', '/work-orders', { cookie: SESSION });
      expect(refused.status).toBe(421);
      expect(refused.headers.get('x-content-type-options')).toBe('nosniff');
      expect(runOn('http://evil.example', '/api/work-orders').status).toBe(421);
      expect(runOn('http://10.0.0.7:3000', '/api/health').status).toBe(200);
      // Container health checks and load balancers probe by address too.
      expect(runOn('http://10.0.0.7:3000', '/api/health/live').status).toBe(200);
      expect(runOn('http://10.0.0.7:3000', '/api/health/ready').status).toBe(200);
      expect(runOn('http://10.0.0.7:3000', '/api/healthz').status).toBe(421);
    } finally {
      if (previous === undefined) delete process.env.ALLOWED_HOSTS;
      else process.env.ALLOWED_HOSTS = previous;
    }
  });
});

describe('proxy — a path that is not UTF-8 once decoded', () => {
  it('answers 400 in our error shape with our headers, for an API route and a page alike', async () => {
    for (const path of ['/api/work-orders/%C0%AE', '/api/work-orders/%E0%A4%A/metadata', '/work-orders/%FF']) {
      const response = run(path, { 'accept-language': 'fr' });
      expect(response.status, path).toBe(400);
      expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(response.headers.get('cache-control')).toBe('private, no-store');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      const requestId = response.headers.get('x-request-id');
      expect(await response.json()).toEqual({ error: 'invalid_id', message: "Cet identifiant n'est pas valide.", requestId });
    }
  });

  it('lets a well-formed encoded path through', () => {
    expect(run('/api/work-orders/caf%C3%A9').status).toBe(200);
  });
});
