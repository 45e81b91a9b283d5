import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { ButtonLink } from '@/components/layout/ButtonLink';
import { WorkOrderList } from '@/components/work-orders/WorkOrderList';
import { requireUser } from '@/lib/server/dal/authorize';
import { searchWorkOrders } from '@/lib/server/dal/work-order-search';
import { parseWorkOrderQuery } from '@/lib/shared/work-order-filters';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('workOrders');
  return { title: t('title') };
}

function toSearchParams(raw: Record<string, string | string[] | undefined>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(raw)) {
    for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value]) params.append(key, item);
  }
  return params;
}

/**
 * The work-order list. The URL is the state: the server renders the first page of exactly
 * what the address says (so a shared link opens the same view), then the client grid takes
 * over and keeps following the URL.
 */
export default async function WorkOrdersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [raw, user, t, tErrors] = await Promise.all([searchParams, requireUser(), getTranslations('workOrders'), getTranslations('errors.fields')]);
  const params = toSearchParams(raw);
  const parsed = parseWorkOrderQuery(params);
  if (!parsed.ok) {
    return (
      <Alert severity="error" action={<ButtonLink href="/work-orders" color="inherit">{t('reset')}</ButtonLink>}>
        <AlertTitle>{t('error.invalid')}</AlertTitle>
        <ul>
          {Object.entries(parsed.fields).map(([field, reason]) => (
            <li key={field}>
              <code>{field}</code>: {tErrors.has(reason) ? tErrors(reason) : reason}
            </li>
          ))}
        </ul>
      </Alert>
    );
  }
  // A failure here (database down) is shown by the signed-in area's error boundary.
  const initial = await searchWorkOrders(params);
  return <WorkOrderList initial={initial} initialQuery={initial.query} role={user.role} />;
}
