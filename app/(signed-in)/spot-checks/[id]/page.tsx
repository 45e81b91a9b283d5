import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { forbidden, notFound } from 'next/navigation';
import { SpotCheckReview } from '@/components/spot-checks/SpotCheckReview';
import { getSpotCheck, listSpotCheckQueue } from '@/lib/server/dal/spot-checks';
import { isAppError } from '@/lib/server/http/errors';
import { pageContext } from '@/lib/server/http/request-context';
import { PageReady } from '@/components/layout/PageReady';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('spotChecks.review');
  return { title: t('pageTitle') };
}

/** One drawn work order, checked blind: the AI's verdicts come only with the answers. */
export default async function SpotCheckPage({ params }: { params: Promise<{ id: string }> }) {
  const [{ id }, ctx] = await Promise.all([params, pageContext()]);
  let check;
  try {
    check = await getSpotCheck(ctx, { params: { id } });
  } catch (error) {
    if (isAppError(error) && error.code === 'forbidden') forbidden();
    if (isAppError(error) && (error.code === 'not_found' || error.code === 'invalid_id')) notFound();
    throw error;
  }
  // The next one to check once this one is answered (this one is still in the queue until then).
  const queue = await listSpotCheckQueue(ctx);
  const nextId = queue.items.find((item) => item.id !== check.workOrder.id)?.id ?? null;
  return (
    <>
      <SpotCheckReview key={check.workOrder.id} initial={check} nextId={nextId} />
      <PageReady />
    </>
  );
}
