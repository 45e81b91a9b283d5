import 'server-only';
import { isIP, type BlockList } from 'node:net';
import { headerValue, normalizeIp, peerAddress, peerStampKey } from '@/lib/server/http/peer-address';
import { trustedProxies } from './config';

type HeaderSource = Parameters<typeof headerValue>[0];

/**
 * The client address sign-in throttling and the audit log use.
 *
 * - No `TRUSTED_PROXIES` (the default): the TCP peer of the connection, nothing else. Headers
 *   a client sends (`X-Forwarded-For`, `X-Real-IP`) are never read, so rotating them gains
 *   nothing and naming someone else's address throttles no one but the sender.
 * - With `TRUSTED_PROXIES`: start from the peer and walk `X-Forwarded-For` from the right (each
 *   proxy appends the address it saw) for as long as the current hop is a trusted proxy; the
 *   first address that is not one is the client. A client that connects directly (not through
 *   a trusted proxy) gets its own peer address whatever it sends. An entry that is not an IP
 *   address stops the walk at the proxy that passed it on.
 *
 * Null when the request carries no peer stamp (see `lib/server/http/peer-address.ts`).
 */
export function clientAddress(headers: HeaderSource, trusted: BlockList | null = trustedProxies(), key: string = peerStampKey()): string | null {
  const peer = peerAddress(headers, key);
  if (!peer || !trusted) return peer;
  const hops = (headerValue(headers, 'x-forwarded-for') ?? '').split(',').map((entry) => entry.trim());
  let address = peer;
  while (trusted.check(address, isIP(address) === 4 ? 'ipv4' : 'ipv6')) {
    const next = hops.pop();
    if (next === undefined) break;
    const hop = normalizeIp(next);
    if (!hop) break;
    address = hop;
  }
  return address;
}
