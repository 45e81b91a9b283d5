import { describe, expect, it } from 'vitest';
import { withThrottleStatus } from './throttle-response';

const json = (status: number, url: string) => new Response(JSON.stringify({ url }), { status, headers: { 'content-type': 'application/json' } });

describe('withThrottleStatus', () => {
  it('turns a throttled sign-in into 429 with Retry-After, keeping the body for next-auth', async () => {
    const response = await withThrottleStatus(json(401, 'http://127.0.0.1:3000/api/auth/error?error=TooManyAttempts%3A540'));
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('540');
    expect(await response.json()).toEqual({ url: 'http://127.0.0.1:3000/api/auth/error?error=TooManyAttempts%3A540' });
  });

  it('does the same for a redirect answer', async () => {
    const response = await withThrottleStatus(
      new Response(null, { status: 401, headers: { location: '/api/auth/error?error=TooManyAttempts%3A60' } }),
    );
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('60');
  });

  it('leaves wrong credentials and everything else alone', async () => {
    expect((await withThrottleStatus(json(401, 'http://x/api/auth/error?error=CredentialsSignin'))).status).toBe(401);
    expect((await withThrottleStatus(json(200, 'http://x/work-orders'))).status).toBe(200);
    expect((await withThrottleStatus(new Response('not json', { status: 401 }))).status).toBe(401);
  });
});
