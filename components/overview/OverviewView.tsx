'use client';

import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import NextLink from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useMemo, useState } from 'react';
import useSWR from 'swr';
import { fetchJson, overviewUrl } from '@/lib/client/api';
import { AiAccuracySection } from './AiAccuracySection';
import { overviewSearchParams, parseOverviewParams, workOrderListHref, type Overview, type OverviewParams } from '@/lib/shared/overview';
import { KpiCards } from './KpiCards';
import { OverviewFilters } from './OverviewFilters';
import { PeopleSection } from './PeopleSection';
import { ScoreHistogram } from './ScoreHistogram';
import { SpotCheckSection } from './SpotCheckSection';
import { StuckWorkOrders } from './StuckWorkOrders';
import { TaskStatsSection } from './TaskStatsSection';
import { TrendChart } from './TrendChart';
import { useOverviewFormat } from './format';

/** Refresh every minute while the tab is visible; after failures wait 2, 4, 8… minutes (max 15). */
const REFRESH_MS = 60_000;
const MAX_BACKOFF_MS = 15 * 60_000;

export function refreshDelay(failures: number): number {
  return failures === 0 ? REFRESH_MS : Math.min(MAX_BACKOFF_MS, REFRESH_MS * 2 ** failures);
}

/** The overview page body: filters, KPIs, charts and tables, refreshed with SWR. */
export function OverviewView({ initial }: { initial: Overview }) {
  const t = useTranslations('overview');
  const f = useOverviewFormat();
  const router = useRouter();
  const pathname = usePathname();
  const [failures, setFailures] = useState(0);

  const { data, error, isValidating } = useSWR<Overview>(overviewUrl(initial.query), fetchJson, {
    fallbackData: initial,
    revalidateOnMount: false,
    // SWR pauses interval refreshes while the tab is hidden (refreshWhenHidden: false).
    refreshInterval: () => refreshDelay(failures),
    refreshWhenHidden: false,
    shouldRetryOnError: false,
    keepPreviousData: true,
    onSuccess: () => setFailures(0),
    onError: () => setFailures((count) => count + 1),
  });
  const overview = data ?? initial;

  const params: OverviewParams = useMemo(() => {
    // The server echoes the normalised query it answered: it always parses.
    const parsed = parseOverviewParams(overview.query);
    if (!parsed.ok) throw new Error('The overview answered with an invalid query.');
    return parsed.params;
  }, [overview.query]);

  const navigate = (next: OverviewParams) => {
    const search = overviewSearchParams(next).toString();
    router.replace(search ? `${pathname}?${search}` : pathname, { scroll: false });
  };
  const today = overview.asOf.slice(0, 10);

  return (
    <Stack spacing={2}>
      <OverviewFilters params={params} onApply={navigate} onReset={() => router.replace(pathname, { scroll: false })} />
      <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', alignItems: 'baseline' }}>
        <Typography variant="body2" color="textSecondary" role="status" data-testid="as-of">
          {t('asOf', { time: f.dateTime(overview.asOf) })}
          {' · '}
          {overview.lastSyncedAt ? t('lastSynced', { time: f.dateTime(overview.lastSyncedAt) }) : t('neverSynced')}
          {isValidating ? ` · ${t('refreshing')}` : ''}
        </Typography>
        <Link component={NextLink} href={workOrderListHref(params.query)} variant="body2">
          {t('openList')}
        </Link>
      </Box>
      {error && failures > 0 && (
        <Alert severity="warning">
          {t('refreshFailed', { seconds: Math.round(refreshDelay(failures) / 1000), time: f.dateTime(overview.asOf) })}
        </Alert>
      )}
      <KpiCards kpis={overview.kpis} query={params.query} today={today} />
      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: 'minmax(0, 1fr)', lg: 'minmax(0, 2fr) minmax(0, 3fr)' } }}>
        <ScoreHistogram histogram={overview.histogram} query={params.query} />
        <TrendChart trend={overview.trend} query={params.query} siteSendsCreationDates={overview.siteDates.creation} />
      </Box>
      <StuckWorkOrders
        stuck={overview.stuck}
        stuckDays={overview.stuckDays}
        query={params.query}
        asOf={overview.asOf}
        siteSendsUpdateDates={overview.siteDates.update}
        onStuckDaysChange={(stuckDays) => navigate({ ...params, stuckDays })}
      />
      <TaskStatsSection overview={overview} query={params.query} />
      <AiAccuracySection query={overview.query} />
      <SpotCheckSection />
      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: 'minmax(0, 1fr)', lg: 'repeat(2, minmax(0, 1fr))' } }}>
        <PeopleSection kind="technicians" rows={overview.technicians} query={params.query} />
        <PeopleSection kind="userGroups" rows={overview.userGroups} query={params.query} />
      </Box>
    </Stack>
  );
}
