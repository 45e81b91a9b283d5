import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { forbidden, redirect } from 'next/navigation';
import { AuditLogView } from '@/components/audit-log/AuditLogView';
import { InvalidQueryAlert } from '@/components/layout/InvalidQueryAlert';
import { listAuditLog } from '@/lib/server/dal/audit-log';
import { isAppError } from '@/lib/server/http/errors';
import { pageContext } from '@/lib/server/http/request-context';
import { PageReady } from '@/components/layout/PageReady';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('audit');
  return { title: t('metaTitle') };
}

/**
 * The audit log, admins only (403 with ../forbidden.tsx otherwise). The URL is the state: the
 * server renders the first page of exactly the filters the address names, then the view keeps
 * following the URL.
 */
export default async function AuditLogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [query, ctx, t] = await Promise.all([searchParams, pageContext(), getTranslations('audit')]);
  let initial;
  try {
    initial = await listAuditLog(ctx, { query });
  } catch (error) {
    // 403 with ../forbidden.tsx; the operation already wrote the audit row.
    if (isAppError(error) && error.code === 'forbidden') forbidden();
    if (isAppError(error) && error.code === 'unauthenticated') redirect('/sign-in?callbackUrl=%2Fadmin%2Faudit');
    if (!isAppError(error) || error.code !== 'invalid_query') throw error;
    return (
      <>
        <InvalidQueryAlert title={t('invalid')} fields={error.fields} resetHref="/admin/audit" resetLabel={t('filters.clear')} />
        <PageReady />
      </>
    );
  }
  return (
    <>
      <AuditLogView initial={initial} initialQuery={initial.query} />
      <PageReady />
    </>
  );
}
