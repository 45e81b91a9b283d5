import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, createNonce } from './security-headers';

function directives(policy: string): Map<string, string> {
  return new Map(
    policy.split(';').map((part) => {
      const [name, ...values] = part.trim().split(/\s+/);
      return [name, values.join(' ')] as const;
    }),
  );
}

describe('contentSecurityPolicy', () => {
  const production = directives(contentSecurityPolicy('abc123', { dev: false, https: true }));

  it('allows only nonced scripts in production, no eval, no inline', () => {
    expect(production.get('script-src')).toBe("'self' 'nonce-abc123' 'strict-dynamic'");
  });

  it('nonces style elements and allows only style attributes inline', () => {
    expect(production.get('style-src')).toBe("'self' 'nonce-abc123'");
    expect(production.get('style-src-elem')).toBe("'self' 'nonce-abc123'");
    expect(production.get('style-src-attr')).toBe("'unsafe-inline'");
  });

  it('locks down objects, base, framing and forms', () => {
    expect(production.get('object-src')).toBe("'none'");
    expect(production.get('base-uri')).toBe("'none'");
    expect(production.get('frame-ancestors')).toBe("'none'");
    expect(production.get('form-action')).toBe("'self'");
    expect(production.get('default-src')).toBe("'self'");
  });

  it('upgrades insecure requests only on https deployments', () => {
    expect(production.has('upgrade-insecure-requests')).toBe(true);
    expect(directives(contentSecurityPolicy('n', { dev: false, https: false })).has('upgrade-insecure-requests')).toBe(false);
  });

  it('adds eval and inline styles in development only', () => {
    const dev = directives(contentSecurityPolicy('n', { dev: true, https: false }));
    expect(dev.get('script-src')).toContain("'unsafe-eval'");
    expect(dev.get('style-src')).toBe("'self' 'unsafe-inline'");
    expect(production.get('script-src')).not.toContain('unsafe-eval');
  });
});

describe('createNonce', () => {
  it('is 128 random bits in base64, different every time', () => {
    const nonces = new Set(Array.from({ length: 1000 }, () => createNonce()));
    expect(nonces.size).toBe(1000);
    for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});
