import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { WorkOrderView } from '@/components/work-order/WorkOrderView';
import { getReview } from '@/lib/server/dal/review';
import { getSignedInUser } from '@/lib/server/dal/signed-in-user';
import { getWorkOrderPage } from '@/lib/server/dal/work-orders';
import { isAppError } from '@/lib/server/http/errors';
import { pageContext } from '@/lib/server/http/request-context';
import { PageReady } from '@/components/layout/PageReady';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('workOrder');
  return { title: t('pageTitle') };
}

/**
 * The work-order page. Read fresh from the upstream through the DAL (which authorizes and
 * refreshes the index row) — never an HTTP call to our own API — then handed to the client
 * view, which shows the work order each change answers with and reads its timeline again
 * (`/api/work-orders/{id}/timeline`), or the whole page through `/api/work-orders/{id}`.
 */
export default async function WorkOrderPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [{ id }, query, ctx] = await Promise.all([params, searchParams, pageContext()]);
  const user = await getSignedInUser(ctx);
  let page;
  try {
    page = await getWorkOrderPage(ctx, { params: { id } });
  } catch (error) {
    if (isAppError(error) && (error.code === 'not_found' || error.code === 'invalid_id')) notFound();
    throw error;
  }
  const from = typeof query.from === 'string' ? query.from : null;
  // Review state is ours (database); if it cannot be read the client view asks again.
  const initialReview = await getReview(ctx, { params: { id: page.workOrder.id } }).catch(() => null);
  return (
    <>
      <WorkOrderView key={page.workOrder.id} initial={page} role={user.role} from={from} initialReview={initialReview} />
      <PageReady />
    </>
  );
}
