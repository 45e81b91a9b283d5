import { NextRequest } from 'next/server';
import { describe, expect, it } from 'vitest';
import { withSessionStatus } from './session-response';

const request = () =>
  new NextRequest('http://127.0.0.1:3000/api/auth/session', {
    headers: { 'accept-language': 'fr', 'x-request-id': '0f5c4a1e-8a4b-4c5d-9e7f-0a1b2c3d4e5f' },
  });
const json = (body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json', ...headers } });

describe('withSessionStatus', () => {
  it('turns a session whose user could not be read into our 503, without the renewed cookie', async () => {
    const response = await withSessionStatus(
      request(),
      json({ expires: '2026-12-06T20:00:00.000Z', databaseUnavailable: true }, { 'set-cookie': 'field-review.session=renewed; Path=/' }),
    );
    expect(response.status).toBe(503);
    expect(response.headers.get('set-cookie')).toBeNull();
    expect(await response.json()).toMatchObject({
      error: 'database_unavailable',
      message: expect.any(String),
      requestId: '0f5c4a1e-8a4b-4c5d-9e7f-0a1b2c3d4e5f',
    });
  });

  it('passes a signed-in session, an ended one and every other answer unchanged', async () => {
    const signedIn = json({ expires: '2026-12-06T20:00:00.000Z', user: { email: 'a@example.test' } });
    expect(await withSessionStatus(request(), signedIn)).toBe(signedIn);
    const ended = json({});
    expect(await withSessionStatus(request(), ended)).toBe(ended);
    const redirect = new Response(null, { status: 302, headers: { location: '/sign-in' } });
    expect(await withSessionStatus(request(), redirect)).toBe(redirect);
    const notJson = new Response('{"databaseUnavailable":true}', { status: 200, headers: { 'content-type': 'text/plain' } });
    expect(await withSessionStatus(request(), notJson)).toBe(notJson);
  });
});
