import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { forbidden, redirect } from 'next/navigation';
import { ButtonLink } from '@/components/layout/ButtonLink';
import { PageHeader } from '@/components/layout/PageHeader';
import { WebhooksAdmin } from '@/components/webhooks/WebhooksAdmin';
import { listWebhookDeliveries, listWebhookEndpoints } from '@/lib/server/dal/webhooks';
import { isAppError } from '@/lib/server/http/errors';
import { pageContext } from '@/lib/server/http/request-context';
import { PageReady } from '@/components/layout/PageReady';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('webhooks');
  return { title: t('metaTitle') };
}

/** Webhook endpoints and their deliveries, admins only (403 with ../forbidden.tsx otherwise). */
export default async function WebhooksPage() {
  const ctx = await pageContext();
  let endpoints;
  try {
    endpoints = await listWebhookEndpoints(ctx);
  } catch (error) {
    // 403 with ../forbidden.tsx; the operation already wrote the audit row.
    if (isAppError(error) && error.code === 'forbidden') forbidden();
    if (isAppError(error) && error.code === 'unauthenticated') redirect('/sign-in?callbackUrl=%2Fadmin%2Fwebhooks');
    throw error;
  }
  const [t, deliveries] = await Promise.all([getTranslations('webhooks'), listWebhookDeliveries(ctx, { query: '' })]);
  return (
    <>
      <PageHeader
        title={t('title')}
        subtitle={t('intro')}
        actions={
          <ButtonLink href="/admin" variant="outlined" startIcon={<ArrowBackIcon />}>
            {t('back')}
          </ButtonLink>
        }
      />
      <WebhooksAdmin initialEndpoints={endpoints} initialDeliveries={deliveries} />
      <PageReady />
    </>
  );
}
