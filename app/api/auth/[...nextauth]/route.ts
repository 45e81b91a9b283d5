import NextAuth from 'next-auth';
import type { NextRequest } from 'next/server';
import { SIGN_IN_ERRORS } from '@/lib/server/auth/credentials';
import { authOptions } from '@/lib/server/auth/options';

const nextAuth = NextAuth(authOptions) as (req: NextRequest, ctx: { params: Promise<{ nextauth: string[] }> }) => Promise<Response>;

type Context = { params: Promise<{ nextauth: string[] }> };

/**
 * next-auth answers a refused credentials sign-in with 401 and the reason in the redirect URL.
 * A throttled one becomes 429 with `Retry-After` (T9), same body, so next-auth's client still
 * reads the reason and our sign-in page can say how long to wait.
 */
async function withThrottleStatus(response: Response): Promise<Response> {
  if (response.status !== 401) return response;
  const location = response.headers.get('location') ?? ((await response.clone().json().catch(() => null)) as { url?: string } | null)?.url;
  const error = location ? new URL(location, 'http://local').searchParams.get('error') : null;
  const match = error?.match(new RegExp(`^${SIGN_IN_ERRORS.throttled}:(\\d+)$`));
  if (!match) return response;
  const headers = new Headers(response.headers);
  headers.set('Retry-After', match[1]);
  return new Response(response.body, { status: 429, headers });
}

export async function GET(req: NextRequest, ctx: Context) {
  return nextAuth(req, ctx);
}

export async function POST(req: NextRequest, ctx: Context) {
  return withThrottleStatus(await nextAuth(req, ctx));
}
