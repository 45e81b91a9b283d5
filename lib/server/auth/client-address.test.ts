import { describe, expect, it } from 'vitest';
import { PEER_HEADER, peerStampKey } from '@/lib/server/http/peer-address';
import { clientAddress } from './client-address';
import { trustedProxies } from './config';

/** The headers a route handler sees for a connection from `peer` that sent `forwardedFor`. */
function from(peer: string, forwardedFor?: string): Record<string, string> {
  return { [PEER_HEADER]: `${peerStampKey()} ${peer}`, ...(forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor }) };
}

describe('clientAddress without trusted proxies (the default)', () => {
  it('is the TCP peer: X-Forwarded-For and X-Real-IP are never read', () => {
    expect(clientAddress(from('198.51.100.7'), null)).toBe('198.51.100.7');
    expect(clientAddress({ ...from('198.51.100.7', '203.0.113.5'), 'x-real-ip': '203.0.113.6' }, null)).toBe('198.51.100.7');
    expect(clientAddress(new Headers(from('::ffff:198.51.100.7', '203.0.113.5, 10.0.0.1')), null)).toBe('198.51.100.7');
  });

  it('is unknown (null) for a request the server did not stamp, whatever it claims', () => {
    expect(clientAddress({ 'x-forwarded-for': '203.0.113.5' }, null)).toBeNull();
    expect(clientAddress({ [PEER_HEADER]: 'forged 203.0.113.5' }, null)).toBeNull();
    expect(clientAddress(undefined, null)).toBeNull();
  });
});

describe('clientAddress behind trusted proxies', () => {
  const proxies = trustedProxies('10.0.0.0/8, 192.0.2.10, fd00::/8');

  it('takes the address the trusted proxy appended, not what the client put before it', () => {
    expect(clientAddress(from('10.0.0.2', '203.0.113.5'), proxies)).toBe('203.0.113.5');
    expect(clientAddress(from('10.0.0.2', '1.1.1.1, 203.0.113.5'), proxies)).toBe('203.0.113.5');
    expect(clientAddress(from('fd00::2', '2001:db8::7'), proxies)).toBe('2001:db8::7');
  });

  it('walks a chain of trusted proxies from the right', () => {
    expect(clientAddress(from('10.0.0.2', '6.6.6.6, 203.0.113.5, 192.0.2.10'), proxies)).toBe('203.0.113.5');
  });

  it('ignores the header of a client that connects directly', () => {
    expect(clientAddress(from('198.51.100.7', '203.0.113.5'), proxies)).toBe('198.51.100.7');
  });

  it('stops at the proxy when the hop it passed on is not an address, or when there is none', () => {
    expect(clientAddress(from('10.0.0.2', '203.0.113.5, unknown'), proxies)).toBe('10.0.0.2');
    expect(clientAddress(from('10.0.0.2'), proxies)).toBe('10.0.0.2');
    expect(clientAddress(from('10.0.0.2', '10.0.0.3'), proxies)).toBe('10.0.0.3');
  });
});

describe('trustedProxies', () => {
  it('is off when unset or empty', () => {
    expect(trustedProxies(undefined)).toBeNull();
    expect(trustedProxies(' , ')).toBeNull();
  });

  it('refuses an entry that is not an address or a range, naming it', () => {
    for (const bad of ['10.0.0.0/33', 'proxy.internal', '10.0.0.1/8/8', '::1/129', '10.0.0.0/x']) {
      expect(() => trustedProxies(`127.0.0.1, ${bad}`), bad).toThrow(bad);
    }
  });
});
