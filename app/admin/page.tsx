import ReceiptLongOutlinedIcon from '@mui/icons-material/ReceiptLongOutlined';
import WebhookOutlinedIcon from '@mui/icons-material/WebhookOutlined';
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { forbidden, redirect } from 'next/navigation';
import { SpotCheckRateSection } from '@/components/admin/SpotCheckRateSection';
import { DoubtWeightsSection } from '@/components/admin/DoubtWeightsSection';
import { UpstreamCheckSection } from '@/components/admin/UpstreamCheckSection';
import { OidcGroupMappingsSection } from '@/components/admin/OidcGroupMappingsSection';
import { UserGroupsSection } from '@/components/admin/UserGroupsSection';
import { UsersAdmin } from '@/components/admin/UsersAdmin';
import { ButtonLink } from '@/components/layout/ButtonLink';
import { PageHeader } from '@/components/layout/PageHeader';
import { oidcSettings } from '@/lib/server/auth/config';
import { getDoubtWeights } from '@/lib/server/dal/doubt-weights';
import { getIndexStatus } from '@/lib/server/dal/index-sync';
import { getSignedInUser } from '@/lib/server/dal/signed-in-user';
import { getSignInThrottle } from '@/lib/server/dal/sign-in-throttle';
import { getSpotCheckSettings } from '@/lib/server/dal/spot-checks';
import { getLastUpstreamCheck } from '@/lib/server/dal/upstream-check';
import { listUserGroups } from '@/lib/server/dal/user-groups';
import { listUsers } from '@/lib/server/dal/users';
import { isAppError } from '@/lib/server/http/errors';
import { pageContext } from '@/lib/server/http/request-context';
import { PageReady } from '@/components/layout/PageReady';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('admin');
  return { title: t('metaTitle') };
}

/**
 * User management (with sign-in throttling) and the Deepomatic site's last check, admins only: checked here on the
 * server, and again by every API route. Opening the page never calls the upstream.
 */
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
  const groupsClaim = oidcSettings()?.groupsClaim ?? null;
  const [t, admin, throttle, upstreamCheck, index, spotChecks, doubtWeights, userGroups] = await Promise.all([
    getTranslations('admin'),
    getSignedInUser(ctx),
    getSignInThrottle(ctx),
    getLastUpstreamCheck(ctx),
    getIndexStatus(ctx),
    getSpotCheckSettings(ctx),
    getDoubtWeights(ctx),
    listUserGroups(ctx),
  ]);
  return (
    <>
      <PageHeader
        title={t('title')}
        subtitle={t('intro')}
        actions={
          <>
            <ButtonLink href="/admin/webhooks" variant="outlined" startIcon={<WebhookOutlinedIcon />}>
              {t('webhooks')}
            </ButtonLink>
            <ButtonLink href="/admin/audit" variant="outlined" startIcon={<ReceiptLongOutlinedIcon />}>
              {t('auditLog')}
            </ButtonLink>
          </>
        }
      />
      <UsersAdmin initialUsers={users} initialThrottle={throttle} currentUserId={admin.id} ssoConfigured={oidcSettings() !== null} />
      <UserGroupsSection initialGroups={userGroups} />
      {groupsClaim ? <OidcGroupMappingsSection claim={groupsClaim} /> : null}
      <UpstreamCheckSection initial={upstreamCheck} syncFindings={index.listFindings} syncedAt={index.lastSyncedAt} />
      <SpotCheckRateSection initial={spotChecks} />
      <DoubtWeightsSection initial={doubtWeights} />
      <PageReady />
    </>
  );
}
