import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { ClientMessages } from '@/components/layout/ClientMessages';
import { InvalidQueryAlert } from '@/components/layout/InvalidQueryAlert';
import { WorkOrderList } from '@/components/work-order-list/WorkOrderList';
import { getSignedInUser } from '@/lib/server/dal/signed-in-user';
import { searchWorkOrders } from '@/lib/server/dal/work-order-search';
import { isAppError } from '@/lib/server/http/errors';
import { pageContext } from '@/lib/server/http/request-context';
import { PageReady } from '@/components/layout/PageReady';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('workOrders');
  return { title: t('title') };
}

/**
 * The work-order list. The URL is the state: the server renders the first page of exactly
 * what the address says (so a shared link opens the same view), then the client grid takes
 * over and keeps following the URL.
 */
export default async function WorkOrdersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [query, ctx, t] = await Promise.all([searchParams, pageContext(), getTranslations('workOrders')]);
  const user = await getSignedInUser(ctx);
  let initial;
  try {
    // A failure other than the query (database down) is shown by the signed-in area's error boundary.
    initial = await searchWorkOrders(ctx, { query });
  } catch (error) {
    if (!isAppError(error) || error.code !== 'invalid_query') throw error;
    return (
      <>
        <InvalidQueryAlert title={t('error.invalid')} fields={error.fields} resetHref="/work-orders" resetLabel={t('reset')} />
        <PageReady />
      </>
    );
  }
  return (
    <ClientMessages namespaces={['workOrders']}>
      <WorkOrderList initial={initial} initialQuery={initial.query} role={user.role} />
      <PageReady />
    </ClientMessages>
  );
}
