import NextAuth from 'next-auth';
import type { NextRequest } from 'next/server';
import { authOptions } from '@/lib/server/auth/options';
import { withSessionStatus } from '@/lib/server/auth/session-response';
import { withThrottleStatus } from '@/lib/server/auth/throttle-response';
import { routeMethods } from '@/lib/server/http/route';

type Context = { params: Promise<{ nextauth: string[] }> };

const nextAuth = NextAuth(authOptions) as (req: NextRequest, ctx: Context) => Promise<Response>;

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  /** CSRF token, providers, and the session (503 when the database cannot give its user). */
  GET: async (req: NextRequest, ctx: Context) => withSessionStatus(req, await nextAuth(req, ctx)),
  /** Sign-in, sign-out, session update; a throttled sign-in answers 429 + Retry-After. */
  POST: async (req: NextRequest, ctx: Context) => withThrottleStatus(await nextAuth(req, ctx)),
});
