import 'server-only';
import { isIP } from 'node:net';
import { z } from 'zod';
import { recordAudit } from '@/lib/server/audit';
import { clearAccountThrottle, clearAddressThrottle, signInThrottleOverview } from '@/lib/server/auth/throttle-admin';
import { findUserById, isUserId } from '@/lib/server/auth/users';
import { getDb } from '@/lib/server/db/client';
import { normalizeIp } from '@/lib/server/http/peer-address';
import { AppError } from '@/lib/server/http/errors';
import type { SignInThrottleOverview } from '@/lib/shared/sign-in-throttle';
import { operation } from './operation';

const userParams = z.object({ id: z.custom<string>(isUserId, { message: 'invalid_format' }) });
const addressParams = z.object({
  address: z
    .string()
    .max(200)
    // Next.js hands the segment over as sent; an IPv6 address arrives with its colons escaped.
    .transform((value) => (value.includes('%') ? safeDecode(value) : value))
    .refine((value) => isIP(value) !== 0, { message: 'invalid_format' })
    .transform((value) => normalizeIp(value) ?? value),
});

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** GET /api/admin/sign-in-throttle — accounts and addresses sign-in throttling holds back. */
export const getSignInThrottle = operation({
  role: 'admin',
  scope: { none: 'sign-in throttling of users and addresses' },
  async run(): Promise<SignInThrottleOverview> {
    return signInThrottleOverview(await getDb());
  },
});

/**
 * DELETE /api/admin/users/{id}/sign-in-throttle — forgets the account's failed sign-ins, from
 * every address: for a user who was locked out by someone else's guesses (or their own typos)
 * and has been checked to be who they say.
 */
export const clearUserSignInThrottle = operation({
  role: 'admin',
  scope: { none: 'sign-in throttling of users and addresses' },
  input: { params: userParams },
  async run({ user: actor, input, ctx }): Promise<{ cleared: number }> {
    const db = await getDb();
    const user = await findUserById(db, input.params.id);
    if (!user) throw new AppError('not_found');
    const cleared = await clearAccountThrottle(db, user.email);
    await recordAudit(
      {
        action: 'sign_in_throttle_cleared',
        actorId: actor.id,
        actorEmail: actor.email,
        outcome: 'succeeded',
        requestId: ctx.requestId,
        details: { userId: user.id, email: user.email, failuresCleared: cleared },
      },
      db,
    );
    return { cleared };
  },
});

/** DELETE /api/admin/sign-in-throttle/addresses/{address} — forgets the address's failed sign-ins. */
export const clearAddressSignInThrottle = operation({
  role: 'admin',
  scope: { none: 'sign-in throttling of users and addresses' },
  input: { params: addressParams },
  async run({ user: actor, input, ctx }): Promise<{ cleared: number }> {
    const db = await getDb();
    const cleared = await clearAddressThrottle(db, input.params.address);
    await recordAudit(
      {
        action: 'sign_in_throttle_cleared',
        actorId: actor.id,
        actorEmail: actor.email,
        outcome: 'succeeded',
        requestId: ctx.requestId,
        details: { ip: input.params.address, failuresCleared: cleared },
      },
      db,
    );
    return { cleared };
  },
});
