import 'server-only';
import type { SessionUser } from '@/lib/server/auth/users';
import { operation } from './operation';

/**
 * Who is signed in (name, e-mail, role), re-read from the database: what the app shell shows,
 * and what a page asks before offering an action the role may not have.
 */
export const getSignedInUser = operation({
  role: 'viewer',
  scope: { none: 'the signed-in user themselves' },
  async run({ user }): Promise<SessionUser> {
    return user;
  },
});
