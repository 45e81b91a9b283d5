import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, connect, type AddressInfo } from 'node:net';
import path from 'node:path';
import type { APIResponse } from '@playwright/test';
import { SIGN_IN_PATH, expect, test } from './fixtures';
import { apiRoutes, concreteUrl, hasPage, pageRoutes } from './routes';

// Cross-cutting security checks against the production build (no anonymous access, no proxy
// bypass, no generic proxy, no key leak, security and cache headers, known Next.js self-hosting
// attacks) and axe on every page. Route lists come from the build's
// app-paths-manifest.json, so new routes are covered without being listed here.

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
/** Routes that are reachable without a session on purpose. */
// The health routes answer everyone; the metrics route answers its scraper's token (tested below).
const PUBLIC_API = [/^\/api\/auth(\/|$)/, /^\/api\/health(\/(live|ready))?$/, /^\/api\/metrics$/];
/** Authenticated by an HMAC signature instead of a session. */
const SIGNED_API = /^\/api\/callbacks(\/|$)/;
const BYPASS_HEADERS = [
  'proxy:proxy:proxy:proxy:proxy',
  'middleware:middleware:middleware:middleware:middleware',
  'src/proxy:src/proxy:src/proxy:src/proxy:src/proxy',
  'src/middleware:src/middleware:src/middleware:src/middleware:src/middleware',
];

function expectNoCanary(text: string, canary: string, where: string) {
  expect(text.includes(canary), `the API key appears in ${where}`).toBe(false);
}

/** Each method of each route, on a concrete URL of the route. */
function everyCall(routes: string[]): Array<{ url: string; method: (typeof METHODS)[number] }> {
  return routes.flatMap((route) => METHODS.map((method) => ({ url: concreteUrl(route), method })));
}

async function bodyText(response: APIResponse): Promise<string> {
  return (await response.body()).toString('utf8');
}

test.describe('every API route refuses anonymous callers', () => {
  test('the build has API routes to check', () => {
    expect(apiRoutes().length).toBeGreaterThan(0);
  });

  test('no session: only 401 or 405 on every route and method', async ({ request, env }) => {
    const routes = apiRoutes().filter((r) => !PUBLIC_API.some((p) => p.test(r)) && !SIGNED_API.test(r));
    const wrong: string[] = [];
    for (const { url, method } of everyCall(routes)) {
      const response = await request.fetch(url, {
        method,
        maxRedirects: 0,
        // A same-origin JSON mutation, so CSRF and content-type checks pass and only the
        // missing session can be the reason for refusing it.
        headers: { Origin: env.baseURL, 'Content-Type': 'application/json' },
        data: method === 'GET' || method === 'DELETE' ? undefined : {},
      });
      const status = response.status();
      const text = await bodyText(response);
      expectNoCanary(text, env.canary, `${method} ${url}`);
      if (status !== 401 && status !== 405) wrong.push(`${method} ${url} → ${status}`);
      else if (status === 401) {
        expect(JSON.parse(text).error, `${method} ${url}`).toBe('unauthenticated');
        expect(response.headers()['cache-control'], `${method} ${url}`).toMatch(/no-store/);
      }
    }
    expect(wrong, 'anonymous requests that were not refused with 401/405').toEqual([]);
  });

  test('callback routes refuse requests without a valid signature', async ({ request, env }) => {
    const routes = apiRoutes().filter((r) => SIGNED_API.test(r));
    test.skip(routes.length === 0, 'no /api/callbacks/* route in the build (app-paths-manifest.json)');
    const wrong: string[] = [];
    for (const { url, method } of everyCall(routes)) {
      const response = await request.fetch(url, {
        method,
        maxRedirects: 0,
        headers: { 'Content-Type': 'application/json', 'X-Signature': 'sha256=00' },
        data: method === 'GET' || method === 'DELETE' ? undefined : { analysis_id: 'x', work_order_id: 'y' },
      });
      expectNoCanary(await bodyText(response), env.canary, `${method} ${url}`);
      if (![401, 403, 405].includes(response.status())) wrong.push(`${method} ${url} → ${response.status()}`);
    }
    expect(wrong).toEqual([]);
  });

  test('the health route answers without a session and reveals no secret', async ({ request, env }) => {
    const response = await request.get('/api/health');
    expect([200, 503]).toContain(response.status());
    expect(response.headers()['content-type']).toMatch(/application\/json/);
    expect(response.headers()['cache-control']).toMatch(/no-store/);
    const text = await bodyText(response);
    expectNoCanary(text, env.canary, '/api/health');
    expect(text).not.toContain(env.apiUrl);
  });

  test('liveness and readiness answer without a session and reveal no secret', async ({ request, env }) => {
    for (const path of ['/api/health/live', '/api/health/ready']) {
      const response = await request.get(path);
      expect(response.status(), path).toBe(200);
      expect(response.headers()['cache-control']).toMatch(/no-store/);
      const text = await bodyText(response);
      expectNoCanary(text, env.canary, path);
      expect(text).not.toContain(env.apiUrl);
    }
  });

  test('the metrics route does not exist while METRICS_TOKEN is unset', async ({ request, env }) => {
    const response = await request.get('/api/metrics', { headers: { Authorization: 'Bearer anything-at-all-long-enough' } });
    expect(response.status()).toBe(404);
    const text = await bodyText(response);
    expectNoCanary(text, env.canary, '/api/metrics');
    expect(text).not.toContain('http_requests_total');
  });
});

test.describe('proxy bypass headers change nothing', () => {
  test('x-middleware-subrequest on every API route: still 401/405, no data, and the upstream is not called', async ({ request, env, sim }) => {
    // A real work order, to prove no data comes back…
    const workOrder = await sim.workOrderAt(7);
    // …and an id the simulator has never seen, so no background sync can ever ask for it: any
    // upstream request for it in the ledger would come from a probe that got through.
    const ghostId = crypto.randomUUID();
    const routes = apiRoutes().filter((r) => !PUBLIC_API.some((p) => p.test(r)) && !SIGNED_API.test(r));
    const wrong: string[] = [];
    for (const id of [workOrder.id, ghostId]) {
      for (const route of routes) {
        const url = concreteUrl(route, { id, workOrderId: id });
        for (const header of BYPASS_HEADERS) {
          const response = await request.get(url, { headers: { 'x-middleware-subrequest': header }, maxRedirects: 0 });
          const text = await bodyText(response);
          expectNoCanary(text, env.canary, url);
          expect(text, `${url} leaked work-order data`).not.toContain(workOrder.name);
          if (![401, 405].includes(response.status())) wrong.push(`GET ${url} [${header}] → ${response.status()}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    const ledger = await sim.ledger();
    expect(
      ledger.filter((entry) => entry.path.includes(ghostId)).map((e) => `${e.method} ${e.path}`),
      'upstream calls made by the probes',
    ).toEqual([]);
  });

  test('RSC and prefetch requests to pages without a session go to sign-in, with no data', async ({ request, env, sim }) => {
    const workOrder = await sim.firstWorkOrder();
    const pages = pageRoutes().filter((p) => !/sign-?in|log-?in/i.test(p));
    test.skip(pages.length === 0, 'no pages in the build (app-paths-manifest.json)');
    const variants: { suffix: string; headers: Record<string, string> }[] = [
      { suffix: '', headers: { RSC: '1', 'Next-Router-Prefetch': '1' } },
      { suffix: '?_rsc=abc', headers: { RSC: '1' } },
      { suffix: '', headers: { 'x-middleware-subrequest': BYPASS_HEADERS[0] } },
    ];
    const wrong: string[] = [];
    for (const route of pages) {
      if (route === '/') continue;
      const url = concreteUrl(route, { id: workOrder.id });
      for (const variant of variants) {
        const response = await request.get(url + variant.suffix, { headers: variant.headers, maxRedirects: 0 });
        const text = await bodyText(response);
        expectNoCanary(text, env.canary, url);
        if (text.includes(workOrder.name)) wrong.push(`${url}${variant.suffix} leaked the work order's name`);
        const status = response.status();
        const location = response.headers()['location'] ?? '';
        const redirectsToSignIn = status >= 300 && status < 400 && SIGN_IN_PATH.test(new URL(location, env.baseURL).pathname + '/');
        if (!redirectsToSignIn && status !== 401) wrong.push(`${url}${variant.suffix} ${JSON.stringify(variant.headers)} → ${status} ${location}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

test.describe('no generic proxy to the upstream', () => {
  test('no catch-all API route exists and a proxy-like path is 404', async ({ request }) => {
    expect(apiRoutes().filter((r) => /\[\.\.\./.test(r) && !/^\/api\/auth\//.test(r))).toEqual([]);
    const response = await request.get('/api/proxy/v0.2/task-groups', { maxRedirects: 0 });
    expect([401, 404]).toContain(response.status());
  });
});

test.describe('the API key never leaves the server', () => {
  test('the canary key is nowhere in the built client files or prerendered output', ({ env }) => {
    const roots = ['static', path.join('server', 'app')].map((d) => path.resolve(env.distDir, d));
    const hits: string[] = [];
    let scanned = 0;
    for (const dir of roots) {
      for (const file of walk(dir)) {
        if (!/\.(js|mjs|cjs|html|rsc|body|meta|json|txt|map|css)$/.test(file)) continue;
        scanned += 1;
        if (readFileSync(file).includes(env.canary)) hits.push(path.relative(process.cwd(), file));
      }
    }
    expect(scanned, 'files scanned in the build').toBeGreaterThan(0);
    expect(hits).toEqual([]);
  });

  test('no NEXT_PUBLIC_ variable is named like a secret', () => {
    const offenders = new Set<string>();
    for (const dir of ['app', 'components', 'lib', 'messages']) {
      for (const file of walk(path.resolve(dir))) {
        if (!/\.(ts|tsx|js|mjs)$/.test(file)) continue;
        for (const match of readFileSync(file, 'utf8').matchAll(/NEXT_PUBLIC_[A-Z0-9_]+/g)) {
          if (/KEY|SECRET|TOKEN|PASSWORD/.test(match[0])) offenders.add(`${match[0]} in ${path.relative(process.cwd(), file)}`);
        }
      }
    }
    expect([...offenders]).toEqual([]);
  });

  test('browser source maps are not served', async ({ request, env }) => {
    const chunks = walk(path.resolve(env.distDir, 'static', 'chunks')).filter((f) => f.endsWith('.js'));
    expect(chunks.length).toBeGreaterThan(0);
    const chunk = path.relative(path.resolve(env.distDir, 'static'), chunks[0]).split(path.sep).join('/');
    const js = await request.get(`/_next/static/${chunk}`);
    expect(js.status()).toBe(200);
    const map = await request.get(`/_next/static/${chunk}.map`);
    expect(map.status()).toBe(404);
  });

  test('an upstream error echoing the key does not reach the browser', async ({ supervisorPage, env, sim }) => {
    const workOrder = await sim.workOrderAt(5);
    await sim.fault({
      method: 'GET',
      path: `/v0.2/work-orders/${workOrder.id}/`,
      status: 400,
      body: { detail: `Invalid token: Token ${env.canary}` },
      times: 5,
    });
    try {
      const response = await supervisorPage.request.get(`/api/work-orders/${workOrder.id}`);
      expect(response.status()).toBeGreaterThanOrEqual(400);
      const text = await bodyText(response);
      expectNoCanary(text, env.canary, 'the BFF error body');
      expect(text).not.toContain('Invalid token');
      expect(JSON.parse(text)).toMatchObject({ error: expect.any(String), requestId: expect.any(String) });
    } finally {
      await sim.clearFaults();
    }
  });
});

test.describe('known self-hosting attacks on Next.js', () => {
  test('a WebSocket upgrade with an absolute URL does not make the server connect elsewhere', async ({ env }) => {
    // A canary listener on loopback: any connection to it means the app proxied the upgrade.
    let connections = 0;
    const canary = createServer((socket) => {
      connections += 1;
      socket.destroy();
    });
    await new Promise<void>((resolve) => canary.listen(0, '127.0.0.1', resolve));
    const canaryPort = (canary.address() as AddressInfo).port;
    const app = new URL(env.baseURL);
    try {
      const answer = await new Promise<string>((resolve, reject) => {
        const socket = connect(Number(app.port), app.hostname);
        let received = '';
        socket.setTimeout(10_000, () => socket.destroy());
        socket.on('data', (chunk) => {
          received += chunk.toString('latin1');
          if (received.includes('\r\n\r\n')) socket.destroy();
        });
        socket.on('close', () => resolve(received));
        socket.on('error', reject);
        socket.write(
          `GET http://127.0.0.1:${canaryPort}/probe HTTP/1.1\r\nHost: ${app.host}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n` +
            'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
        );
      });
      expect(answer.startsWith('HTTP/1.1 101')).toBe(false);
      await new Promise((r) => setTimeout(r, 500));
      expect(connections, 'connections received by the canary listener').toBe(0);
    } finally {
      await new Promise((resolve) => canary.close(resolve));
    }
  });

  test('Next-Resume with a large body to a page is not treated as a resume', async ({ request }) => {
    // Patched Next.js ignores the header from outside (or refuses the request); either way the
    // server must not fail, must not render the attacker's body, and must keep answering.
    const response = await request.post('/sign-in', {
      headers: { 'Next-Resume': '1', 'Content-Type': 'application/octet-stream' },
      data: Buffer.alloc(5 * 1024 * 1024, 0x61),
      maxRedirects: 0,
      timeout: 30_000,
    });
    expect(response.status()).toBeLessThan(500);
    const body = await bodyText(response);
    expect(body).not.toContain('aaaaaaaaaaaaaaaa');
    const health = await request.get('/api/health');
    expect([200, 503]).toContain(health.status());
  });

  test('a path whose percent-encoding is not UTF-8 gets our 400 with our headers, not a plain 500', async ({ request }) => {
    // Next.js fails decoding such a path into params before any route runs: the proxy answers.
    const routes = apiRoutes().filter((route) => /\[[^\].]+\]/.test(route));
    expect(routes.length).toBeGreaterThan(5);
    for (const route of [...routes.map((r) => r.replace(/\[[^\].]+\]/, '%C0%AE')), '/work-orders/%FF']) {
      const response = await request.get(concreteUrl(route), { headers: { 'Accept-Language': 'fr' }, maxRedirects: 0 });
      expect(response.status(), route).toBe(400);
      expect(response.headers()['content-type']).toBe('application/json; charset=utf-8');
      expect(response.headers()['cache-control']).toBe('private, no-store');
      expect(response.headers()['x-content-type-options']).toBe('nosniff');
      const body = (await response.json()) as { error: string; message: string; requestId: string };
      expect(body).toEqual({ error: 'invalid_id', message: expect.any(String), requestId: response.headers()['x-request-id'] });
    }
  });
});

test.describe('security and cache headers', () => {
  test('pages carry a nonce-based CSP and the other security headers', async ({ request }) => {
    const first = await request.get('/', { maxRedirects: 5 });
    const second = await request.get('/', { maxRedirects: 5 });
    for (const response of [first, second]) {
      const headers = response.headers();
      expect(headers['content-security-policy']).toMatch(/script-src[^;]*'nonce-[^']+'/);
      expect(headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
      expect(headers['content-security-policy']).toMatch(/object-src 'none'/);
      expect(headers['content-security-policy']).toMatch(/base-uri 'none'|base-uri 'self'/);
      expect(headers['x-content-type-options']).toBe('nosniff');
      expect(headers['referrer-policy']).toMatch(/^(no-referrer|strict-origin-when-cross-origin)$/);
      expect(headers['x-powered-by']).toBeUndefined();
      expect(await bodyText(response)).toMatch(/nonce="[^"]+"/);
    }
    const nonce = (r: APIResponse) => /'nonce-([^']+)'/.exec(r.headers()['content-security-policy'] ?? '')?.[1];
    expect(nonce(first)).toBeTruthy();
    expect(nonce(first)).not.toBe(nonce(second));
  });

  test('signed-in pages carry the same CSP and are not cacheable', async ({ supervisorPage }) => {
    const response = await supervisorPage.goto('/work-orders');
    const headers = response!.headers();
    expect(headers['content-security-policy']).toMatch(/'nonce-/);
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['x-powered-by']).toBeUndefined();
    expect(headers['cache-control']).toMatch(/no-store|private/);
  });

  test('API answers are never cacheable, signed in or not', async ({ supervisorPage, request, sim }) => {
    const workOrder = await sim.firstWorkOrder();
    const url = `/api/work-orders/${workOrder.id}`;
    const signedIn = await supervisorPage.request.get(url);
    expect(signedIn.status()).toBe(200);
    expect(signedIn.headers()['cache-control']).toMatch(/no-store/);
    expect(signedIn.headers()['content-type']).toMatch(/^application\/json/);
    // The same URL without a cookie right after: a 401, never a cached 200.
    const anonymous = await request.get(url, { maxRedirects: 0 });
    expect(anonymous.status()).toBe(401);
    expect(anonymous.headers()['cache-control']).toMatch(/no-store/);
  });
});

test.describe('accessibility (axe, WCAG 2.1 AA) on every page', () => {
  const pages: { route: string; role: 'supervisor' | 'admin' }[] = [
    { route: '/work-orders', role: 'supervisor' },
    { route: '/work-orders/[id]', role: 'supervisor' },
    { route: '/overview', role: 'supervisor' },
    { route: '/task-groups', role: 'supervisor' },
    { route: '/admin', role: 'admin' },
  ];
  for (const { route, role } of pages) {
    test(`${route} (${role})`, async ({ supervisorPage, adminPage, axe, sim }) => {
      test.skip(!hasPage(route), `no ${route} page in the build (app-paths-manifest.json)`);
      const page = role === 'admin' ? adminPage : supervisorPage;
      const url = route.includes('[id]') ? concreteUrl(route, { id: (await sim.firstWorkOrder()).id }) : route;
      const response = await page.goto(url);
      expect(response?.status()).toBe(200);
      await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
      await axe(page, url);
    });
  }

  test('every other page of the build is checked too', async ({ supervisorPage, axe }) => {
    const listed = new Set(['/work-orders', '/work-orders/[id]', '/overview', '/task-groups', '/admin', '/']);
    const others = pageRoutes().filter((p) => !listed.has(p) && !p.includes('[') && !/sign-?in|log-?in/i.test(p));
    test.skip(others.length === 0, 'no other static page in the build (app-paths-manifest.json)');
    for (const route of others) {
      await supervisorPage.goto(route);
      await expect(supervisorPage.getByRole('heading', { level: 1 }).first()).toBeVisible();
      await axe(supervisorPage, route);
    }
  });
});

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  const stack = [dir];
  while (stack.length) {
    const current = stack.pop()!;
    for (const name of readdirSync(current)) {
      const full = path.join(current, name);
      if (statSync(full).isDirectory()) stack.push(full);
      else out.push(full);
    }
  }
  return out;
}
