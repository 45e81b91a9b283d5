// No `server-only` here: this module is imported by proxy.ts, which Next bundles on its own.

/**
 * The Content-Security-Policy of our HTML pages, built per request around a fresh nonce.
 *
 * Scripts: only ours, each carrying the nonce Next.js reads back from the request's CSP
 * header; `'strict-dynamic'` lets those load the chunks they need and nothing else.
 *
 * Styles: MUI styles through emotion, which inserts `<style>` elements at runtime. The emotion
 * cache gets the same nonce (see components/layout/Providers.tsx), so `style-src` needs no
 * `'unsafe-inline'` for elements. Style *attributes* are another matter: MUI and our own views
 * render `style="…"` on the server (transitions, progress bars, CSS variables), and a blocked
 * attribute is not re-applied on hydration, so pages would render broken. CSP Level 3 lets us
 * allow attributes only (`style-src-attr 'unsafe-inline'`): an attribute cannot carry the
 * selector tricks that make injected CSS dangerous, and it cannot load anything img-src,
 * font-src and default-src forbid.
 */
export function contentSecurityPolicy(nonce: string, options: { dev: boolean; https: boolean }): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ''}`,
    // Dev only: Next's error overlay injects un-nonced styles. Production builds (and the e2e
    // suite that runs on them) keep the nonce, so an un-nonced style still fails there.
    ...(options.dev
      ? ["style-src 'self' 'unsafe-inline'"]
      : [`style-src 'self' 'nonce-${nonce}'`, `style-src-elem 'self' 'nonce-${nonce}'`, "style-src-attr 'unsafe-inline'"]),
    "img-src 'self' blob: data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
    "manifest-src 'self'",
    "worker-src 'self' blob:",
  ];
  // Only on https: on http://localhost it would send the browser to an https port nobody serves.
  if (options.https) directives.push('upgrade-insecure-requests');
  return directives.join('; ');
}

/** JSON and other non-HTML answers run nothing: the strictest policy there is. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** Headers for every answer, HTML or not: HTTPS only, no MIME sniffing, no framing by other sites. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'strict-transport-security': 'max-age=63072000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'cross-origin-opener-policy': 'same-origin',
  'x-frame-options': 'DENY',
};

/** A nonce with 128 bits of entropy, base64 (what CSP's nonce-source expects). */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
