import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { forbidden } from 'next/navigation';
import { PageHeader } from '@/components/layout/PageHeader';
import { SpotCheckQueue } from '@/components/spot-checks/SpotCheckQueue';
import { listSpotCheckQueue } from '@/lib/server/dal/spot-checks';
import { isAppError } from '@/lib/server/http/errors';
import { pageContext } from '@/lib/server/http/request-context';
import { PageReady } from '@/components/layout/PageReady';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('spotChecks');
  return { title: t('title') };
}

/** The spot-check queue: drawn work orders not yet checked (supervisors and admins). */
export default async function SpotChecksPage() {
  const [t, ctx] = await Promise.all([getTranslations('spotChecks'), pageContext()]);
  let queue;
  try {
    queue = await listSpotCheckQueue(ctx);
  } catch (error) {
    if (isAppError(error) && error.code === 'forbidden') forbidden();
    throw error;
  }
  return (
    <>
      <PageHeader title={t('title')} subtitle={t('intro')} />
      <SpotCheckQueue queue={queue} />
      <PageReady />
    </>
  );
}
