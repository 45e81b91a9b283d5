// Stand-ins for `next/headers` and `next-auth` whose session is next-auth's real core fed from a test cookie jar (see test/harness/auth.ts).
//
// `vi.mock` is hoisted only within the test file, so each file keeps its own calls and hands over the jar from `vi.hoisted`:
//   const jarHolder = vi.hoisted(() => ({ jar: new Map<string, string>() }));
//   vi.mock('next/headers', async () => (await import('@/test/fakes/next-session')).nextHeaders(jarHolder));
//   vi.mock('next-auth', async (importOriginal) => (await import('@/test/fakes/next-session')).nextAuth(importOriginal, jarHolder));
// A test signs in by pointing `jarHolder.jar` at a jar that `signInWithPassword` filled.
import type { NextAuthOptions } from 'next-auth';
import { readSession, type CookieJar } from '@/test/harness/auth';

export interface JarHolder {
  jar: CookieJar;
}

/** `next/headers` whose `cookies()` reads the holder's current jar; `headers()` answers `requestHeaders` (none by default). */
export function nextHeaders(holder: JarHolder, requestHeaders: HeadersInit = {}) {
  return {
    cookies: async () => ({ has: (name: string) => holder.jar.has(name), get: (name: string) => ({ value: holder.jar.get(name) }) }),
    headers: async () => new Headers(requestHeaders),
  };
}

/** The real `next-auth` but for `getServerSession`, which asks next-auth's core for the session of the holder's current jar. */
export async function nextAuth(importOriginal: <T>() => Promise<T>, holder: JarHolder) {
  const original = await importOriginal<typeof import('next-auth')>();
  return {
    ...original,
    getServerSession: async (options: NextAuthOptions) => readSession({ ...options, providers: [] }, holder.jar),
  };
}
