import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { SessionKeepAlive } from '@/components/auth/SessionKeepAlive';
import { AppShell } from '@/components/layout/AppShell';
import { ClientMessages } from '@/components/layout/ClientMessages';
import { getColorMode } from '@/components/layout/read-color-mode';
import { getSignedInUser } from '@/lib/server/dal/signed-in-user';
import { isAppError } from '@/lib/server/http/errors';
import { pageContext } from '@/lib/server/http/request-context';

/**
 * The admin area in the app shell. It lives outside `(signed-in)` on purpose: that group's
 * `loading.tsx` streams the shell before the page decides, so a refused role could only be a
 * 200 page. Here nothing streams before the page's admin-only operation, so a viewer or
 * supervisor gets a real HTTP 403 (`forbidden()` → ./forbidden.tsx).
 */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const [user, colorMode] = await Promise.all([signedInUser(), getColorMode()]);
  return (
    <AppShell user={{ name: user.name, email: user.email, role: user.role }} colorMode={colorMode}>
      <SessionKeepAlive />
      <ClientMessages namespaces={['admin', 'audit', 'errors', 'webhooks', 'spotChecks', 'teams']}>{children}</ClientMessages>
    </AppShell>
  );
}

async function signedInUser() {
  try {
    return await getSignedInUser(await pageContext());
  } catch (error) {
    if (isAppError(error) && error.code === 'unauthenticated') redirect('/sign-in?callbackUrl=%2Fadmin');
    throw error;
  }
}
