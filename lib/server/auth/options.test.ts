import { afterEach, describe, expect, it } from 'vitest';
import { buildAuthOptions } from './options';

const saved = { APP_URL: process.env.APP_URL, NEXTAUTH_URL: process.env.NEXTAUTH_URL, SESSION_IDLE_MINUTES: process.env.SESSION_IDLE_MINUTES };
afterEach(() => {
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

describe('auth options', () => {
  it('uses a __Host- session cookie, Secure, HttpOnly, SameSite=Lax, no Domain under HTTPS', () => {
    process.env.APP_URL = 'https://review.example.com/some/path';
    const options = buildAuthOptions();
    expect(options.useSecureCookies).toBe(true);
    expect(options.cookies?.sessionToken).toEqual({
      name: '__Host-field-review.session',
      options: { httpOnly: true, sameSite: 'lax', path: '/', secure: true },
    });
    // next-auth builds every callback URL from this, never from Host / X-Forwarded-Host,
    // which a client can forge
    expect(process.env.NEXTAUTH_URL).toBe('https://review.example.com');
  });

  it('uses a plain cookie name on http://localhost (browsers refuse __Host- without TLS)', () => {
    process.env.APP_URL = 'http://localhost:3000';
    const options = buildAuthOptions();
    expect(options.useSecureCookies).toBe(false);
    expect(options.cookies?.sessionToken?.name).toBe('field-review.session');
  });

  it('keeps sessions short: JWT with a 30-minute idle limit by default, configurable', () => {
    expect(buildAuthOptions().session).toMatchObject({ strategy: 'jwt', maxAge: 30 * 60 });
    process.env.SESSION_IDLE_MINUTES = '15';
    expect(buildAuthOptions().session?.maxAge).toBe(15 * 60);
  });

  it('sends every redirect to a path on our own origin', async () => {
    const redirect = buildAuthOptions().callbacks!.redirect!;
    const baseUrl = 'http://127.0.0.1:3000';
    for (const url of ['https://evil.example/', '//evil.example', '/\\evil.example', 'javascript:alert(1)', 'http://127.0.0.1:3000.evil.example/']) {
      expect(new URL(await redirect({ url, baseUrl })).origin).toBe(baseUrl);
    }
    expect(await redirect({ url: '/work-orders?x=1', baseUrl })).toBe('http://127.0.0.1:3000/work-orders?x=1');
  });
});
