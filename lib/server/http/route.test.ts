import { NextRequest } from 'next/server';
import { redirect } from 'next/navigation';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError } from './errors';

const logged = vi.hoisted(() => ({ error: [] as unknown[], warn: [] as unknown[], info: [] as unknown[] }));
vi.mock('@/lib/server/logger', () => ({
  logger: {
    error: (entry: unknown) => logged.error.push(entry),
    warn: (entry: unknown) => logged.warn.push(entry),
    info: (entry: unknown) => logged.info.push(entry),
  },
}));

const { handler, routeMethods } = await import('./route');

const APP = 'http://127.0.0.1:3000';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
let previousAppUrl: string | undefined;

beforeAll(() => {
  previousAppUrl = process.env.APP_URL;
  process.env.APP_URL = APP;
});
afterAll(() => {
  if (previousAppUrl === undefined) delete process.env.APP_URL;
  else process.env.APP_URL = previousAppUrl;
});
beforeEach(() => {
  logged.error.length = 0;
  logged.warn.length = 0;
  logged.info.length = 0;
});

function request(method: string, init: { headers?: Record<string, string>; body?: string; path?: string } = {}) {
  return new NextRequest(`${APP}${init.path ?? '/api/work-orders/wo-1'}`, { method, headers: init.headers, body: init.body });
}

const noParams = { params: Promise.resolve({}) };
const mutationHeaders = { origin: APP, 'content-type': 'application/json' };

describe('handler — the browser went away', () => {
  it('an abort after the client left is one info line, not an upstream error', async () => {
    const controller = new AbortController();
    const GET = handler(async () => {
      controller.abort();
      throw Object.assign(new Error('aborted'), { name: 'AbortError' });
    });
    const req = new NextRequest(`${APP}/api/task-groups/tg/examples/0`, { method: 'GET', signal: controller.signal });
    const response = await GET(req, noParams);
    expect(response.status).toBe(499);
    expect(logged.error).toEqual([]);
    expect(logged.warn).toEqual([]);
    expect(logged.info).toEqual([expect.objectContaining({ event: 'client_closed_request', path: '/api/task-groups/tg/examples/0' })]);
  });

  it('the same error while the client is still there is reported as a failure', async () => {
    const GET = handler(async () => {
      throw Object.assign(new Error('aborted'), { name: 'AbortError' });
    });
    const response = await GET(request('GET'), noParams);
    expect(response.status).toBe(500);
  });
});

describe('handler — responses', () => {
  it('sends a returned value as 200 JSON with no-store and a request id', async () => {
    const GET = handler(async () => ({ ok: true }));
    const response = await GET(request('GET'), noParams);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    expect(response.headers.get('x-request-id')).toMatch(UUID);
    expect(await response.json()).toEqual({ ok: true });
  });

  it('keeps the request id set by the proxy, refuses a non-UUID one', async () => {
    const GET = handler(async ({ requestId }) => ({ requestId }));
    const id = crypto.randomUUID();
    const kept = await GET(request('GET', { headers: { 'x-request-id': id } }), noParams);
    expect(await kept.json()).toEqual({ requestId: id });
    const forged = await GET(request('GET', { headers: { 'x-request-id': 'abc level=error forged' } }), noParams);
    const body = (await forged.json()) as { requestId: string };
    expect(body.requestId).toMatch(UUID);
  });

  it('answers 204 when the route returns nothing', async () => {
    const DELETE = handler(async () => undefined);
    const response = await DELETE(request('DELETE', { headers: { origin: APP } }), noParams);
    expect(response.status).toBe(204);
    expect(response.headers.get('cache-control')).toBe('private, no-store');
  });

  it('passes a returned Response through, adding no-store only when it has no Cache-Control', async () => {
    const created = handler(async () => Response.json({ id: 'x' }, { status: 201 }));
    const response = await created(request('GET'), noParams);
    expect(response.status).toBe(201);
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    const cached = handler(async () => new Response('img', { headers: { 'cache-control': 'private, max-age=60' } }));
    expect((await cached(request('GET'), noParams)).headers.get('cache-control')).toBe('private, max-age=60');
  });

  it('resolves the params promise', async () => {
    const GET = handler<{ id: string }>(async ({ params }) => params);
    const response = await GET(request('GET'), { params: Promise.resolve({ id: 'wo-1' }) });
    expect(await response.json()).toEqual({ id: 'wo-1' });
  });
});

describe('handler — CSRF and media type', () => {
  const effects: string[] = [];
  const PATCH = handler(async ({ json }) => {
    const body = await json();
    effects.push('patched');
    return body;
  });
  beforeEach(() => {
    effects.length = 0;
  });

  it.each([
    ['foreign Origin', { origin: 'https://evil.example', 'content-type': 'application/json' }, 403, 'bad_origin'],
    ['Origin: null', { origin: 'null', 'content-type': 'application/json' }, 403, 'bad_origin'],
    ['no Origin, cross-site fetch', { 'sec-fetch-site': 'cross-site', 'content-type': 'application/json' }, 403, 'bad_origin'],
    ['no Origin, no Sec-Fetch-Site', { 'content-type': 'application/json' }, 403, 'bad_origin'],
    ['text/plain body', { origin: APP, 'content-type': 'text/plain' }, 415, 'unsupported_media_type'],
    ['form body', { origin: APP, 'content-type': 'application/x-www-form-urlencoded' }, 415, 'unsupported_media_type'],
  ])('%s → %i %s, route not run', async (_name, headers, status, code) => {
    const response = await PATCH(request('PATCH', { headers, body: '{"corrected_value":true}' }), noParams);
    expect(response.status).toBe(status);
    const body = (await response.json()) as { error: string; message: string; requestId: string };
    expect(body.error).toBe(code);
    expect(body.message.length).toBeGreaterThan(0);
    expect(body.requestId).toMatch(UUID);
    expect(effects).toEqual([]);
  });

  it('runs the route for a same-origin JSON request', async () => {
    const response = await PATCH(request('PATCH', { headers: mutationHeaders, body: '{"corrected_value":true}' }), noParams);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ corrected_value: true });
    expect(effects).toEqual(['patched']);
  });

  it('accepts Sec-Fetch-Site: same-origin without Origin', async () => {
    const headers = { 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' };
    const response = await PATCH(request('PATCH', { headers, body: '{}' }), noParams);
    expect(response.status).toBe(200);
  });

  it('does not check Origin on GET', async () => {
    const GET = handler(async () => ({ ok: true }));
    const response = await GET(request('GET', { headers: { origin: 'https://evil.example' } }), noParams);
    expect(response.status).toBe(200);
  });

  it('answers 413 for a body over the cap, before the route runs', async () => {
    const small = handler(async ({ json }) => json(), { maxBodyBytes: 16 });
    const response = await small(request('POST', { headers: mutationHeaders, body: JSON.stringify({ name: 'x'.repeat(100) }) }), noParams);
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: string }).error).toBe('payload_too_large');
  });

  it('answers 400 invalid_body for a prototype-pollution body', async () => {
    const response = await PATCH(request('PATCH', { headers: mutationHeaders, body: '{"__proto__":{"role":"admin"}}' }), noParams);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toBe('invalid_body');
    expect(effects).toEqual([]);
  });

  it('allows a bodiless mutation without a content type', async () => {
    const POST = handler(async () => ({ reviewed: true }));
    const response = await POST(request('POST', { headers: { origin: APP } }), noParams);
    expect(response.status).toBe(200);
  });
});

describe('handler — errors leak no detail', () => {
  it('maps an AppError to our shape in the request language, with fields and Retry-After', async () => {
    const POST = handler(async () => {
      throw new AppError('upstream_unavailable', { retryAfter: 12.2, fields: { name: 'required', email: 'Texte libre' } });
    });
    const response = await POST(request('POST', { headers: { ...mutationHeaders, 'accept-language': 'fr-FR,fr;q=0.9' } }), noParams);
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('13');
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toEqual({
      error: 'upstream_unavailable',
      message: 'Deepomatic est indisponible pour le moment. Réessayez bientôt.',
      requestId: expect.stringMatching(UUID),
      fields: { name: 'Ce champ est obligatoire.', email: 'Texte libre' },
    });
    expect(response.headers.get('x-request-id')).toBe(body.requestId);
  });

  it('prefers the NEXT_LOCALE cookie to Accept-Language', async () => {
    const GET = handler(async () => {
      throw new AppError('not_found');
    });
    const response = await GET(request('GET', { headers: { cookie: 'NEXT_LOCALE=de', 'accept-language': 'es' } }), noParams);
    expect(response.status).toBe(404);
    expect(((await response.json()) as { message: string }).message).toBe('Dieses Element existiert nicht oder wurde gelöscht.');
  });

  it('turns an unknown error into a generic 500, logs it, and leaks nothing', async () => {
    const secret = 'Token canary-0123456789 at https://api.eu.customers.deepomatic.com/v0.2/';
    const GET = handler(async () => {
      throw new TypeError(secret);
    });
    const response = await GET(request('GET'), noParams);
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(JSON.parse(text)).toMatchObject({ error: 'internal_error' });
    expect(text).not.toContain('canary');
    expect(text).not.toContain('deepomatic.com');
    expect(text).not.toContain('TypeError');
    expect(text).not.toContain('at ');
    expect(logged.error).toHaveLength(1);
    expect(logged.error[0]).toMatchObject({ code: 'internal_error', path: '/api/work-orders/wo-1', method: 'GET' });
  });

  it('answers 503 database_unavailable when the database gave no connection in time', async () => {
    const GET = handler(async () => {
      throw new Error('Failed query: select 1\nparams: ', { cause: new Error('timeout exceeded when trying to connect') });
    });
    const response = await GET(request('GET'), noParams);
    expect(response.status).toBe(503);
    const text = await response.text();
    expect(JSON.parse(text)).toMatchObject({ error: 'database_unavailable' });
    expect(text).not.toContain('select 1');
  });

  it('keeps the code of an AppError made by another copy of the errors module', async () => {
    // What a separate copy's class looks like from here: same name and fields, another prototype.
    const foreign = Object.assign(new Error('database_unavailable'), { name: 'AppError', code: 'database_unavailable', status: 503 });
    const GET = handler(async () => {
      throw foreign;
    });
    const response = await GET(request('GET'), noParams);
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ error: 'database_unavailable' });
  });

  it('never sends details of a 5xx to the client', async () => {
    const GET = handler(async () => {
      throw new AppError('upstream_error', { details: { upstreamBody: '<html>debug</html>' } });
    });
    const body = (await (await GET(request('GET'), noParams)).json()) as Record<string, unknown>;
    expect(body.details).toBeUndefined();
  });

  it('sends details of a 4xx (e.g. the current state on a conflict)', async () => {
    const GET = handler(async () => {
      throw new AppError('conflict', { details: { current: { analyzed_value: true } } });
    });
    const body = (await (await GET(request('GET'), noParams)).json()) as Record<string, unknown>;
    expect(body.details).toEqual({ current: { analyzed_value: true } });
  });

  it("lets Next's redirect() through", async () => {
    const GET = handler(async () => redirect('/sign-in'));
    await expect(GET(request('GET'), noParams)).rejects.toMatchObject({ digest: expect.stringContaining('NEXT_REDIRECT') });
  });
});

describe('routeMethods', () => {
  it('answers 405 in our shape with Allow', async () => {
    const { PUT } = routeMethods({ GET: handler(async () => ({})), PATCH: handler(async () => ({})) });
    const response = await PUT(request('PUT'));
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, PATCH');
    expect(((await response.json()) as { error: string }).error).toBe('method_not_allowed');
  });

  it('answers every method a route does not define, and keeps the ones it does', async () => {
    const GET = handler(async () => ({ ok: true }));
    const methods = routeMethods({ GET });
    expect(methods.GET).toBe(GET);
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'] as const) {
      const response = await methods[method](request(method));
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('GET');
    }
  });
});
