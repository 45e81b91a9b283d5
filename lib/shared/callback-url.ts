/**
 * Turns a user-supplied `callbackUrl` into a same-origin relative path, or `/`,
 * so a crafted sign-in link cannot send the user to another site.
 * Accepts a relative path or an absolute URL on `origin`; refuses everything else, including
 * protocol-relative (`//host`), backslash (`/\host`) and paths that normalise into one.
 */
export function safeCallbackPath(raw: unknown, origin: string): string {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 2048) return '/';
  // Control characters and whitespace can change how a browser splits the URL.
  if (/[\u0000-\u001f\u007f\s\\]/.test(raw)) return '/';
  let base: URL;
  try {
    base = new URL(origin);
  } catch {
    return '/';
  }
  const isRelativePath = raw.startsWith('/') && !raw.startsWith('//');
  let parsed: URL;
  try {
    parsed = isRelativePath ? new URL(raw, base) : new URL(raw);
  } catch {
    return '/';
  }
  if (parsed.origin !== base.origin || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) return '/';
  const path = `${parsed.pathname}${parsed.search}${parsed.hash}`;
  if (!path.startsWith('/') || path.startsWith('//')) return '/';
  return path;
}
