import 'server-only';
import type { NextRequest } from 'next/server';
import { errorResponse } from '@/lib/server/http/error-response';
import { AppError } from '@/lib/server/http/errors';
import { errorContextOf } from '@/lib/server/http/route';
import { isSessionUnreadable } from './options';

/**
 * next-auth's session endpoint answers 200 whatever its callbacks return. A session whose user
 * the database could not give becomes our 503 `database_unavailable` instead, without the
 * renewed cookie: the page that keeps the session alive then tries again later, where an
 * answer without a user would send the person to the sign-in page. Every other answer passes
 * unchanged.
 */
export async function withSessionStatus(request: NextRequest, response: Response): Promise<Response> {
  if (response.status !== 200 || !response.headers.get('content-type')?.includes('application/json')) return response;
  const body: unknown = await response
    .clone()
    .json()
    .catch(() => null);
  if (!isSessionUnreadable(body)) return response;
  return errorResponse(new AppError('database_unavailable'), errorContextOf(request));
}
