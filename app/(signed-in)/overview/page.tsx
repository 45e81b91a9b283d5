import Alert from '@mui/material/Alert';
import Typography from '@mui/material/Typography';
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { ButtonLink } from '@/components/layout/ButtonLink';
import { OverviewView } from '@/components/overview/OverviewView';
import { getOverview } from '@/lib/server/dal/overview';
import { isAppError } from '@/lib/server/http/errors';
import { pageContext } from '@/lib/server/http/request-context';

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
        <Typography variant="h4" component="h1" gutterBottom>
          {t('title')}
        </Typography>
        <Alert severity="error" action={<ButtonLink href="/overview">{t('resetFilters')}</ButtonLink>}>
          {t('invalidQuery')}
        </Alert>
      </>
    );
  }
  return (
    <>
      <Typography variant="h4" component="h1" gutterBottom>
        {t('title')}
      </Typography>
      <Typography color="text.secondary" sx={{ mb: 2, maxWidth: 900 }}>
        {t('intro')}
      </Typography>
      <OverviewView initial={overview} />
    </>
  );
}
