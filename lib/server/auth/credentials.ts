import 'server-only';
import { eq } from 'drizzle-orm';
import { recordAudit } from '@/lib/server/audit';
import type { Db } from '@/lib/server/db/client';
import { users } from '@/lib/server/db/schema';
import { verifyPassword } from './password';
import { checkSignInThrottle, recordSignInAttempt, settleSignInAttempt } from './throttle';
import { findUserByEmail, isPlausibleEmail, normalizeEmail, toSessionUser, type SessionUser } from './users';

/**
 * Sign-in error codes passed to the sign-in page through next-auth's `error` parameter.
 * `CredentialsSignin` (next-auth's own) is the one generic answer for unknown email and wrong
 * password alike, so the answer does not tell which emails have an account.
 */
export const SIGN_IN_ERRORS = {
  invalidCredentials: 'CredentialsSignin',
  disabled: 'AccountDisabled',
  /** Followed by `:<seconds to wait>`. */
  throttled: 'TooManyAttempts',
} as const;

export class SignInRefused extends Error {
  constructor(code: string) {
    super(code);
    this.name = 'SignInRefused';
  }
}

export interface CredentialsInput {
  email: unknown;
  password: unknown;
  ip: string | null;
}

/**
 * Checks an email and password. Returns the user on success, null for bad credentials, and
 * throws `SignInRefused` for a throttled or disabled account. Every outcome is audited.
 */
export async function authorizeCredentials(db: Db, input: CredentialsInput, now = new Date()): Promise<SessionUser | null> {
  if (typeof input.email !== 'string' || typeof input.password !== 'string') return null;
  const email = normalizeEmail(input.email);
  const password = input.password;
  if (!isPlausibleEmail(email) || password.length === 0) return null;
  const audit = (outcome: 'succeeded' | 'failed', details: Record<string, unknown>, actorId?: string) =>
    recordAudit({ action: 'sign_in', actorId, actorEmail: email, outcome, details: { provider: 'credentials', ip: input.ip, ...details } }, db);

  const throttle = await checkSignInThrottle(db, email, input.ip, now);
  if (!throttle.allowed) {
    await audit('failed', { reason: 'throttled', throttle: throttle.reason, retryAfterSeconds: throttle.retryAfterSeconds });
    throw new SignInRefused(`${SIGN_IN_ERRORS.throttled}:${throttle.retryAfterSeconds}`);
  }

  const attempt = await recordSignInAttempt(db, { email, ip: input.ip }, now);
  const user = await findUserByEmail(db, email);
  const passwordMatches = await verifyPassword(user?.passwordHash, password);
  if (!user || !passwordMatches) {
    await audit('failed', { reason: user ? 'bad_password' : 'unknown_user' }, user?.id);
    return null;
  }
  // Only someone who knows the password learns that the account is disabled.
  if (user.disabledAt) {
    await settleSignInAttempt(db, attempt, 'forget');
    await audit('failed', { reason: 'disabled' }, user.id);
    throw new SignInRefused(SIGN_IN_ERRORS.disabled);
  }
  await settleSignInAttempt(db, attempt, 'succeeded');
  await db.update(users).set({ lastSignInAt: now }).where(eq(users.id, user.id));
  await audit('succeeded', {}, user.id);
  return toSessionUser(user);
}
