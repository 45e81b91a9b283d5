import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { forbidden, redirect } from 'next/navigation';
import { UsersAdmin } from '@/components/admin/UsersAdmin';
import { PageHeader } from '@/components/layout/PageHeader';
import { oidcSettings } from '@/lib/server/auth/config';
import { getSignedInUser } from '@/lib/server/dal/signed-in-user';
import { listUsers } from '@/lib/server/dal/users';
import { isAppError } from '@/lib/server/http/errors';
import { pageContext } from '@/lib/server/http/request-context';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('admin');
  return { title: t('metaTitle') };
}

/** User management, admins only: checked here on the server, and again by every API route. */
export default async function AdminPage() {
  const ctx = await pageContext();
  let users;
  try {
    users = await listUsers(ctx);
  } catch (error) {
    // 403 with ./forbidden.tsx; the operation already wrote the audit row.
    if (isAppError(error) && error.code === 'forbidden') forbidden();
    if (isAppError(error) && error.code === 'unauthenticated') redirect('/sign-in?callbackUrl=%2Fadmin');
    throw error;
  }
  const [t, admin] = await Promise.all([getTranslations('admin'), getSignedInUser(ctx)]);
  return (
    <>
      <PageHeader title={t('title')} subtitle={t('intro')} />
      <UsersAdmin initialUsers={users} currentUserId={admin.id} ssoConfigured={oidcSettings() !== null} />
    </>
  );
}
