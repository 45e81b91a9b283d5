import NextAuth from 'next-auth';
import type { NextRequest } from 'next/server';
import { authOptions } from '@/lib/server/auth/options';
import { withThrottleStatus } from '@/lib/server/auth/throttle-response';

type Context = { params: Promise<{ nextauth: string[] }> };

const nextAuth = NextAuth(authOptions) as (req: NextRequest, ctx: Context) => Promise<Response>;

export async function GET(req: NextRequest, ctx: Context) {
  return nextAuth(req, ctx);
}

/** Sign-in, sign-out, session update; a throttled sign-in answers 429 + Retry-After (T9). */
export async function POST(req: NextRequest, ctx: Context) {
  return withThrottleStatus(await nextAuth(req, ctx));
}
