import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { SessionKeepAlive } from '@/components/auth/SessionKeepAlive';
import { AppShell } from '@/components/layout/AppShell';
import { getColorMode } from '@/components/layout/read-color-mode';
import { getSignedInUser } from '@/lib/server/dal/signed-in-user';
import { isAppError } from '@/lib/server/http/errors';
import { pageContext } from '@/lib/server/http/request-context';

/**
 * Every page of the signed-in area renders inside the shell. The user is re-read from the
 * database here (disabled user or changed role take effect at once); pages still call the
 * DAL for their own data, which checks again — a layout alone is not an access check.
 */
export default async function SignedInLayout({ children }: { children: ReactNode }) {
  const [user, colorMode] = await Promise.all([currentUserOrSignIn(), getColorMode()]);
  return (
    <AppShell user={{ name: user.name, email: user.email, role: user.role }} colorMode={colorMode}>
      {/* Renews the session while the person works; sends them to sign-in once it ends. */}
      <SessionKeepAlive />
      {children}
    </AppShell>
  );
}

async function currentUserOrSignIn() {
  try {
    return await getSignedInUser(await pageContext());
  } catch (error) {
    if (isAppError(error) && error.code === 'unauthenticated') {
      const path = (await headers()).get('x-pathname');
      // Only a plain local path goes back into the URL (the sign-in page re-validates it).
      const back = path && /^\/(?![/\\])[\w\-./~%]*$/.test(path) && path !== '/' ? `?callbackUrl=${encodeURIComponent(path)}` : '';
      redirect(`/sign-in${back}`);
    }
    throw error;
  }
}
