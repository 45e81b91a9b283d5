import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { API_TIMEOUT_MS, ApiError, errorMessage, fetchEvidencePack, requestJson, requestRaw, sendCorrection, setReviewStatus } from './api';

/** The browser the client runs in: `fetch` answers what a test says, `location` records where the page went. */
function browser(pathname = '/work-orders/wo-1', search = '?from=%2Fwork-orders') {
  const assign = vi.fn();
  vi.stubGlobal('window', { location: { pathname, search, assign } });
  return { assign };
}

function answer(status: number, body?: unknown): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

let fetchMock: ReturnType<typeof vi.fn>;

beforeEach(() => {
  fetchMock = vi.fn();
  vi.stubGlobal('fetch', fetchMock);
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('every call', () => {
  it('is same-origin JSON, never cached, with one time limit', async () => {
    browser();
    const timeout = vi.spyOn(AbortSignal, 'timeout');
    fetchMock.mockResolvedValue(answer(200, { ok: true }));
    await requestJson('/api/x', { method: 'POST', json: { a: 1 } });
    const [url, init] = fetchMock.mock.calls[0] as [string, RequestInit];
    expect(url).toBe('/api/x');
    expect(init).toMatchObject({ method: 'POST', credentials: 'same-origin', cache: 'no-store', body: '{"a":1}' });
    const headers = new Headers(init.headers);
    expect(headers.get('accept')).toBe('application/json');
    expect(headers.get('content-type')).toBe('application/json');
    expect(timeout).toHaveBeenCalledWith(API_TIMEOUT_MS);
    expect(init.signal).toBeInstanceOf(AbortSignal);
  });

  it('gives "no answer" (status null) when the network fails or the time limit passes', async () => {
    browser();
    fetchMock.mockRejectedValue(new DOMException('The operation timed out.', 'TimeoutError'));
    expect(await requestRaw('/api/x')).toEqual({ status: null, body: null });
    const error = await requestJson('/api/x').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: null, code: 'network_error' });
  });
});

describe('a refused call', () => {
  it('is an ApiError carrying our error shape, fields included', async () => {
    browser();
    const body = { error: 'validation_failed', message: 'Check the fields.', requestId: 'req-1', fields: { email: 'emailTaken' } };
    fetchMock.mockResolvedValue(answer(400, body));
    const error = (await requestJson('/api/admin/users', { method: 'POST', json: {} }).catch((caught: unknown) => caught)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(400);
    expect(error.body).toEqual(body);
    expect(error.code).toBe('validation_failed');
    expect(error.fields).toEqual({ email: 'emailTaken' });
    expect(errorMessage(error)).toBe('Check the fields.');
  });

  it('without our shape keeps only its status', async () => {
    browser();
    fetchMock.mockResolvedValue(new Response('<html>bad gateway</html>', { status: 502 }));
    const error = (await requestJson('/api/x').catch((caught: unknown) => caught)) as ApiError;
    expect(error).toMatchObject({ status: 502, body: null, code: 'http_502', fields: {} });
    expect(errorMessage(error)).toBe('http_502');
  });
});

describe('a 401 (the session ended)', () => {
  it('sends the page to sign in, to come back to the same path', async () => {
    const { assign } = browser('/admin', '');
    fetchMock.mockResolvedValue(answer(401, { error: 'unauthenticated', message: 'Sign in.', requestId: 'r' }));
    await expect(requestJson('/api/admin/users')).rejects.toBeInstanceOf(ApiError);
    expect(assign).toHaveBeenCalledWith('/sign-in?reason=expired&callbackUrl=%2Fadmin');
  });

  it('keeps the query of the current page', async () => {
    const { assign } = browser('/work-orders', '?q=lyon&page=2');
    fetchMock.mockResolvedValue(answer(401, { error: 'unauthenticated' }));
    await requestRaw('/api/work-orders?q=lyon');
    expect(assign).toHaveBeenCalledWith(`/sign-in?reason=expired&callbackUrl=${encodeURIComponent('/work-orders?q=lyon&page=2')}`);
  });

  it('passes on the Retry-After (delay-seconds) a caller may show', async () => {
    browser();
    fetchMock.mockResolvedValue(
      new Response(JSON.stringify({ error: 'correction_in_flight' }), {
        status: 409,
        headers: { 'content-type': 'application/json', 'retry-after': '42' },
      }),
    );
    expect(await requestRaw('/api/x')).toEqual({ status: 409, body: { error: 'correction_in_flight' }, retryAfter: 42 });
    fetchMock.mockResolvedValue(new Response(null, { status: 503, headers: { 'retry-after': 'Wed, 21 Oct 2015 07:28:00 GMT' } }));
    expect(await requestRaw('/api/x')).toEqual({ status: 503, body: null });
  });

  it('is reported instead to a caller that keeps an unsaved intent on screen', async () => {
    const { assign } = browser();
    fetchMock.mockResolvedValue(answer(401, { error: 'unauthenticated' }));
    expect(await requestRaw('/api/x', { onSessionEnded: 'report' })).toEqual({ status: 401, body: { error: 'unauthenticated' } });
    expect(assign).not.toHaveBeenCalled();
  });

  it('never sends the sign-in page to itself', async () => {
    const { assign } = browser('/sign-in', '?callbackUrl=%2F');
    fetchMock.mockResolvedValue(answer(401, { error: 'unauthenticated' }));
    await requestRaw('/api/health');
    expect(assign).not.toHaveBeenCalled();
  });

  it('other refusals stay on the page', async () => {
    const { assign } = browser();
    fetchMock.mockResolvedValue(answer(403, { error: 'forbidden' }));
    await requestRaw('/api/x');
    expect(assign).not.toHaveBeenCalled();
  });
});

describe('calls', () => {
  it('a correction: idempotency key, the version seen, the comment trimmed, and its 401 reported', async () => {
    const { assign } = browser();
    fetchMock.mockResolvedValue(answer(401, { error: 'unauthenticated' }));
    const response = await sendCorrection('wo 1', 'task/1', {
      value: false,
      reason: 'ai_wrong',
      comment: '  seen on site ',
      baseVersion: 'v3',
      idempotencyKey: 'k1',
    });
    expect(response.status).toBe(401);
    expect(assign).not.toHaveBeenCalled();
    const [url, init] = fetchMock.mock.calls[0] as [string, RequestInit];
    expect(url).toBe('/api/work-orders/wo%201/tasks/task%2F1/correction');
    expect(init.method).toBe('PATCH');
    const headers = new Headers(init.headers);
    expect(headers.get('idempotency-key')).toBe('k1');
    expect(headers.get('if-match')).toBe('"v3"');
    expect(JSON.parse(init.body as string)).toEqual({ correctedValue: false, reason: 'ai_wrong', comment: 'seen on site' });
  });

  it('a correction without a version or comment sends neither', async () => {
    browser();
    fetchMock.mockResolvedValue(answer(200, {}));
    await sendCorrection('wo', 't', { value: 3, reason: 'r', comment: '  ', baseVersion: null, idempotencyKey: 'k' });
    const [, init] = fetchMock.mock.calls[0] as [string, RequestInit];
    expect(new Headers(init.headers).has('if-match')).toBe(false);
    expect(JSON.parse(init.body as string)).toEqual({ correctedValue: 3, reason: 'r' });
  });

  it('a review change carries the list query the user came from', async () => {
    browser();
    fetchMock.mockResolvedValue(answer(200, { status: 'reviewed', reviewedAt: null, reviewedBy: null }));
    await setReviewStatus('wo-1', 'reviewed', '/work-orders?tag=a&sort=-name');
    const [url, init] = fetchMock.mock.calls[0] as [string, RequestInit];
    expect(url).toBe('/api/work-orders/wo-1/review');
    expect(JSON.parse(init.body as string)).toEqual({ status: 'reviewed', query: 'tag=a&sort=-name' });
  });
});

describe('the evidence pack', () => {
  it('is a POST answered by the PDF and the name the server gave it', async () => {
    browser();
    fetchMock.mockResolvedValue(
      new Response(new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d]), {
        headers: { 'content-type': 'application/pdf', 'content-disposition': 'attachment; filename="evidence-pack-WO-1-2026-01-02.pdf"' },
      }),
    );
    const pack = await fetchEvidencePack('wo 1');
    const [url, init] = fetchMock.mock.calls[0] as [string, RequestInit];
    expect(url).toBe('/api/work-orders/wo%201/evidence-pack');
    expect(init.method).toBe('POST');
    expect(pack.filename).toBe('evidence-pack-WO-1-2026-01-02.pdf');
    expect(pack.blob.size).toBe(5);
  });

  it('a refusal is our error, not a file to save', async () => {
    browser();
    fetchMock.mockResolvedValue(answer(403, { error: 'forbidden', message: 'Not allowed.', requestId: 'r1' }));
    const refused = await fetchEvidencePack('wo').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ApiError);
    expect(refused).toMatchObject({ status: 403, code: 'forbidden' });
  });

  it('a 401 leaves for the sign-in page', async () => {
    const { assign } = browser();
    fetchMock.mockResolvedValue(answer(401, { error: 'unauthenticated', message: 'Sign in.', requestId: 'r' }));
    await expect(fetchEvidencePack('wo')).rejects.toBeInstanceOf(ApiError);
    expect(assign).toHaveBeenCalledOnce();
  });
});
