import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/**
 * Where a webhook may be sent. An admin types the URL, and the server then sends requests to
 * it from inside the network: without these rules it could reach the database, a cloud
 * metadata service or an internal admin page (server-side request forgery). So: `https` only,
 * no user:password in the URL, and no host that resolves to a loopback, private, link-local,
 * shared, multicast or reserved address. The rules are checked when the endpoint is saved and
 * again on every connection (`guardedLookup`), because a name may resolve elsewhere later.
 *
 * `WEBHOOKS_ALLOW_LOOPBACK=true` (tests only) lets loopback addresses through, and plain `http`
 * to them (a test's receiver has no certificate); private networks stay refused.
 */

export type UrlProblem = 'urlInvalid' | 'urlNotHttps' | 'urlUserinfo' | 'urlPrivateAddress' | 'urlUnresolvable';

const blocked = new BlockList();
const loopback = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const)
  blocked.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 128],
  ['64:ff9b::', 96], // NAT64 (carries an IPv4 address)
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
] as const)
  blocked.addSubnet(net, prefix, 'ipv6');
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

export function loopbackAllowed(): boolean {
  return process.env.WEBHOOKS_ALLOW_LOOPBACK === 'true';
}

function isLoopback(address: string, family: 'ipv4' | 'ipv6'): boolean {
  return loopback.check(address, family);
}

/** True when a request must not go to `address` (an IP literal). */
export function isBlockedAddress(address: string, allowLoopback: boolean = loopbackAllowed()): boolean {
  let ip = address.replace(/^\[|\]$/g, '');
  let family = isIP(ip);
  if (family === 0) return true;
  // IPv4-mapped IPv6 (::ffff:10.0.0.1) is the IPv4 address.
  const mapped = family === 6 ? /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip) : null;
  if (mapped) {
    ip = mapped[1]!;
    family = 4;
  }
  const kind = family === 4 ? 'ipv4' : 'ipv6';
  if (isLoopback(ip, kind)) return !allowLoopback;
  return blocked.check(ip, kind);
}

/** The URL's own problems (no DNS): scheme, user:password, syntax. */
export function urlProblem(raw: string, allowLoopback: boolean = loopbackAllowed()): UrlProblem | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'urlInvalid';
  }
  if (url.username || url.password) return 'urlUserinfo';
  if (url.protocol === 'https:') return null;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const loopbackHost = host === 'localhost' || (isIP(host) !== 0 && isLoopback(host, isIP(host) === 4 ? 'ipv4' : 'ipv6'));
  if (url.protocol === 'http:' && allowLoopback && loopbackHost) return null;
  return url.protocol === 'http:' ? 'urlNotHttps' : 'urlInvalid';
}

type Lookup = (host: string) => Promise<Array<{ address: string; family: number }>>;
const systemLookup: Lookup = (host) => lookup(host, { all: true, verbatim: true });

/** The URL's problems, its host's addresses included (every one must be allowed). */
export async function checkWebhookUrl(raw: string, resolve: Lookup = systemLookup): Promise<UrlProblem | null> {
  const problem = urlProblem(raw);
  if (problem) return problem;
  const host = new URL(raw).hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) !== 0) return isBlockedAddress(host) ? 'urlPrivateAddress' : null;
  let addresses: Array<{ address: string }>;
  try {
    addresses = await resolve(host);
  } catch {
    return 'urlUnresolvable';
  }
  if (addresses.length === 0) return 'urlUnresolvable';
  return addresses.some(({ address }) => isBlockedAddress(address)) ? 'urlPrivateAddress' : null;
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | Array<{ address: string; family: number }>, family?: number) => void;

/**
 * A `lookup` for `http(s).request` that refuses blocked addresses at connection time, so a
 * name that resolved to a public address when saved cannot be pointed inside the network later.
 */
export function guardedLookup(hostname: string, options: { all?: boolean } | number | undefined, callback: LookupCallback): void {
  lookup(hostname, { all: true, verbatim: true }).then(
    (addresses) => {
      const allowed = addresses.filter(({ address }) => !isBlockedAddress(address));
      if (allowed.length === 0 || allowed.length !== addresses.length) {
        const error = Object.assign(new Error(`webhook host ${hostname} resolves to a refused address`), { code: 'EADDRBLOCKED' });
        callback(error, '', 0);
        return;
      }
      if (typeof options === 'object' && options?.all) callback(null, allowed);
      else callback(null, allowed[0]!.address, allowed[0]!.family);
    },
    (error: NodeJS.ErrnoException) => callback(error, '', 0),
  );
}
