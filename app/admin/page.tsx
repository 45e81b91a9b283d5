import Typography from '@mui/material/Typography';
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { forbidden, redirect } from 'next/navigation';
import { UpstreamCheckSection } from '@/components/admin/UpstreamCheckSection';
import { UsersAdmin } from '@/components/admin/UsersAdmin';
import { oidcSettings } from '@/lib/server/auth/config';
import { requireRole } from '@/lib/server/dal/authorize';
import { getIndexStatus } from '@/lib/server/dal/index-sync';
import { getLastUpstreamCheck } from '@/lib/server/dal/upstream-check';
import { listUsers } from '@/lib/server/dal/users';
import { isAppError } from '@/lib/server/http/errors';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('admin');
  return { title: t('metaTitle') };
}

/**
 * User management and the Deepomatic site's last check, admins only: checked here on the
 * server, and again by every API route. Opening the page never calls the upstream.
 */
export default async function AdminPage() {
  let admin;
  try {
    admin = await requireRole('admin');
  } catch (error) {
    // 403 with app/(signed-in)/forbidden.tsx; requireRole already wrote the audit row.
    if (isAppError(error) && error.code === 'forbidden') forbidden();
    if (isAppError(error) && error.code === 'unauthenticated') redirect('/sign-in?callbackUrl=%2Fadmin');
    throw error;
  }
  const [t, users, upstreamCheck, index] = await Promise.all([getTranslations('admin'), listUsers(), getLastUpstreamCheck(), getIndexStatus()]);
  return (
    <>
      <Typography variant="h4" component="h1" gutterBottom>
        {t('title')}
      </Typography>
      <Typography color="text.secondary" sx={{ mb: 3, maxWidth: 820 }}>
        {t('intro')}
      </Typography>
      <UsersAdmin initialUsers={users} currentUserId={admin.id} ssoConfigured={oidcSettings() !== null} />
      <UpstreamCheckSection initial={upstreamCheck} syncFindings={index.listFindings} syncedAt={index.lastSyncedAt} />
    </>
  );
}
