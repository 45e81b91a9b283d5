import 'server-only';
import { BlockList, isIP } from 'node:net';

/**
 * Auth-related settings read from the environment, in one place so the README, the tests
 * and the code agree. Read lazily (functions) so tests can change the environment.
 */

/**
 * The canonical origin of the app; next-auth builds every callback URL from it, never from the
 * request's Host.
 */
export function appUrl(): string {
  const raw = process.env.APP_URL || process.env.NEXTAUTH_URL || `http://localhost:${process.env.PORT || 3000}`;
  return new URL(raw).origin;
}

export function isHttps(): boolean {
  return appUrl().startsWith('https://');
}

/**
 * Demo mode seeds the three demo users. On with `DEMO=1`; also on outside production unless
 * `DEMO=0`. Never on in production without an explicit `DEMO=1`.
 */
export function isDemoMode(): boolean {
  if (process.env.DEMO === '1' || process.env.DEMO === 'true') return true;
  if (process.env.DEMO === '0' || process.env.DEMO === 'false') return false;
  return process.env.NODE_ENV !== 'production';
}

export function demoPassword(): string {
  return process.env.DEMO_PASSWORD || 'field-review-demo';
}

function positiveNumber(raw: string | undefined, fallback: number): number {
  const value = Number(raw);
  return raw !== undefined && raw !== '' && Number.isFinite(value) && value > 0 ? value : fallback;
}

/**
 * Session lifetimes: an inactivity limit and an absolute limit (OWASP ASVS 7.3.1 / 7.3.2),
 * documented in the README.
 */
export function sessionSettings() {
  return {
    /** Inactivity limit: the token expires this long after its last refresh. */
    idleSeconds: Math.round(positiveNumber(process.env.SESSION_IDLE_MINUTES, 30) * 60),
    /** Absolute limit from sign-in, whatever the activity. */
    absoluteSeconds: Math.round(positiveNumber(process.env.SESSION_MAX_HOURS, 8) * 3600),
  };
}

/**
 * Limits of credentials sign-in against password guessing; the rules that use them are in
 * `throttle.ts` and the README of this folder.
 */
export function throttleSettings() {
  return {
    /** Window of the per-address and per-(account, address) limits. */
    windowSeconds: Math.round(positiveNumber(process.env.SIGNIN_THROTTLE_WINDOW_MINUTES, 15) * 60),
    /** Failures one address may make on one account per window. */
    maxFailuresPerAccountAndIp: Math.round(positiveNumber(process.env.SIGNIN_MAX_FAILURES_PER_ACCOUNT_AND_IP, 5)),
    /** Failures one address may make, all accounts together, per window. */
    maxFailuresPerIp: Math.round(positiveNumber(process.env.SIGNIN_MAX_FAILURES_PER_IP, 50)),
    /** Failures on one account (every address, last 24 h) before its sign-ins slow down. */
    accountBackoffAfter: Math.round(positiveNumber(process.env.SIGNIN_ACCOUNT_BACKOFF_AFTER, 10)),
    /** Failures on one account (last 24 h) from which even a clean address waits its turn. */
    accountBackoffForAllAfter: Math.round(positiveNumber(process.env.SIGNIN_ACCOUNT_BACKOFF_ALL_AFTER, 100)),
    /** The longest wait the account backoff imposes. */
    accountBackoffMaxSeconds: Math.round(positiveNumber(process.env.SIGNIN_ACCOUNT_BACKOFF_MAX_MINUTES, 5) * 60),
  };
}

/**
 * The reverse proxies whose `X-Forwarded-For` is believed (`TRUSTED_PROXIES`: addresses and
 * CIDR ranges, comma-separated). Null when unset: then the client address is the TCP peer and
 * no header is read at all. Throws on an entry that is not an address or range, so a typo stops
 * the server at start instead of silently trusting nobody (or everybody).
 */
export function trustedProxies(raw = process.env.TRUSTED_PROXIES): BlockList | null {
  const entries = (raw ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) return null;
  const list = new BlockList();
  for (const entry of entries) {
    const [address, prefix, extra] = entry.split('/');
    const type = isIP(address);
    const bits = prefix === undefined ? null : Number(prefix);
    const maxBits = type === 4 ? 32 : 128;
    if (!type || extra !== undefined || (bits !== null && (!/^\d{1,3}$/.test(prefix) || bits > maxBits))) {
      throw new Error(`TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR range`);
    }
    const family = type === 4 ? 'ipv4' : 'ipv6';
    if (bits === null) list.addAddress(address, family);
    else list.addSubnet(address, bits, family);
  }
  return list;
}

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  name: string;
  autoProvision: boolean;
  /** The claim whose values map to user groups at each sign-in (`OIDC_GROUPS_CLAIM`); none = teams are the admins' only. */
  groupsClaim?: string | null;
}

/** The generic OIDC provider, enabled only when issuer, client id and secret are all set. */
export function oidcSettings(): OidcSettings | null {
  const issuer = process.env.OIDC_ISSUER;
  const clientId = process.env.OIDC_CLIENT_ID;
  const clientSecret = process.env.OIDC_CLIENT_SECRET;
  if (!issuer || !clientId || !clientSecret) return null;
  return {
    issuer: issuer.replace(/\/+$/, ''),
    clientId,
    clientSecret,
    name: process.env.OIDC_NAME || 'SSO',
    autoProvision: process.env.OIDC_AUTO_PROVISION !== 'false' && process.env.OIDC_AUTO_PROVISION !== '0',
    groupsClaim: process.env.OIDC_GROUPS_CLAIM?.trim() || null,
  };
}

/**
 * The session cookie name: `__Host-` under HTTPS, so no subdomain can set or shadow it
 * (OWASP ASVS 3.3.3); plain name on http://localhost.
 */
export function sessionCookieName(): string {
  return isHttps() ? '__Host-field-review.session' : 'field-review.session';
}
