import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installPeerStamp, normalizeIp, PEER_HEADER, peerAddress, peerStampKey } from './peer-address';

describe('the peer stamp', () => {
  let server: http.Server;
  let port: number;
  let seen: http.IncomingHttpHeaders[] = [];

  beforeAll(async () => {
    // Installed after the server exists, as under `next start` (the server listens before
    // instrumentation runs): the stamp sits on the prototype, so it still applies.
    server = http.createServer((req, res) => {
      seen.push({ ...req.headers });
      res.end('ok');
    });
    installPeerStamp();
    installPeerStamp(); // idempotent: one stamp, not two wrappers
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => new Promise<void>((resolve) => server.close(() => resolve())));

  async function get(headers: Record<string, string>) {
    seen = [];
    await fetch(`http://127.0.0.1:${port}/`, { headers });
    return seen[0];
  }

  it('gives a handler the TCP peer, whatever the client claims', async () => {
    const headers = await get({ 'x-forwarded-for': '203.0.113.5', 'x-real-ip': '203.0.113.6' });
    expect(peerAddress(headers as Record<string, string>)).toBe('127.0.0.1');
  });

  it('overwrites a stamp the client forged', async () => {
    const headers = await get({ [PEER_HEADER]: `${peerStampKey()} 203.0.113.5` });
    expect(peerAddress(headers as Record<string, string>)).toBe('127.0.0.1');
  });
});

describe('peerAddress', () => {
  it('refuses a stamp without this process key, and a request without a stamp', () => {
    expect(peerAddress({ [PEER_HEADER]: 'guessed-key 203.0.113.5' })).toBeNull();
    expect(peerAddress({ [PEER_HEADER]: '203.0.113.5' })).toBeNull();
    expect(peerAddress({ 'x-forwarded-for': '203.0.113.5' })).toBeNull();
    expect(peerAddress(new Headers({ [PEER_HEADER]: `${peerStampKey()} ::ffff:192.0.2.1` }))).toBe('192.0.2.1');
  });
});

describe('normalizeIp', () => {
  it('spells one address one way and refuses what is not one', () => {
    expect(normalizeIp(' ::FFFF:192.0.2.1 ')).toBe('192.0.2.1');
    expect(normalizeIp('2001:DB8::1')).toBe('2001:db8::1');
    expect(normalizeIp('unknown')).toBeNull();
    expect(normalizeIp('')).toBeNull();
    expect(normalizeIp(undefined)).toBeNull();
  });
});
