import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { LazyAppShell } from '@/components/layout/LazyAppShell';
import { NotFoundMessage } from '@/components/layout/NotFoundMessage';
import { LazyPublicLayout } from '@/components/layout/LazyPublicLayout';
import { getColorMode } from '@/components/layout/read-color-mode';
import type { SessionUser } from '@/lib/server/auth/users';
import { getSignedInUser } from '@/lib/server/dal/signed-in-user';
import { pageContext } from '@/lib/server/http/request-context';
import { PageReady } from '@/components/layout/PageReady';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('common.notFound');
  return { title: t('title') };
}

/**
 * Unknown URLs. A signed-in user keeps the shell (and its navigation); anyone else gets the
 * public frame. (`notFound()` from a signed-in page uses `app/(signed-in)/not-found.tsx`.)
 */
export default async function NotFound() {
  const [colorMode, user] = await Promise.all([getColorMode(), signedInUser()]);
  const message = (
    <>
      <NotFoundMessage />
      <PageReady />
    </>
  );
  if (user) {
    return (
      <LazyAppShell user={{ name: user.name, email: user.email, role: user.role }} colorMode={colorMode}>
        {message}
      </LazyAppShell>
    );
  }
  return (
    <LazyPublicLayout colorMode={colorMode} maxWidth={560}>
      {message}
    </LazyPublicLayout>
  );
}

async function signedInUser(): Promise<SessionUser | null> {
  try {
    return await getSignedInUser(await pageContext());
  } catch {
    // Signed out, or the database is down: the public frame is the honest answer either way.
    return null;
  }
}
