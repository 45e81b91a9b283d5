import Alert from '@mui/material/Alert';
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { ButtonLink } from '@/components/layout/ButtonLink';
import { PageHeader } from '@/components/layout/PageHeader';
import { OverviewView } from '@/components/overview/OverviewView';
import { getOverview } from '@/lib/server/dal/overview';
import { isAppError } from '@/lib/server/http/errors';
import { pageContext } from '@/lib/server/http/request-context';
import { PageReady } from '@/components/layout/PageReady';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('overview');
  return { title: t('title') };
}

type SearchParams = Record<string, string | string[] | undefined>;

/** progress_score overview of the work orders matching the URL's filters (viewer and up). */
export default async function OverviewPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const t = await getTranslations('overview');
  const [ctx, query] = await Promise.all([pageContext(), searchParams]);
  let overview;
  try {
    overview = await getOverview(ctx, { query });
  } catch (error) {
    if (!isAppError(error) || error.code !== 'invalid_query') throw error;
    return (
      <>
        <PageHeader title={t('title')} />
        <Alert severity="error" action={<ButtonLink href="/overview">{t('resetFilters')}</ButtonLink>}>
          {t('invalidQuery')}
        </Alert>
        <PageReady />
      </>
    );
  }
  return (
    <>
      <PageHeader title={t('title')} subtitle={t('intro')} />
      <OverviewView initial={overview} />
      <PageReady />
    </>
  );
}
