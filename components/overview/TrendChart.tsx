'use client';

import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import { LineChart } from './lazy-charts';
import { IntentPrefetchLink } from '@/components/layout/IntentPrefetchLink';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { workOrderListHref, type Overview, type TrendPoint } from '@/lib/shared/overview';
import type { WorkOrderQuery } from '@/lib/shared/work-order-filters';
import { ChartCard } from './ChartCard';
import { DataTable } from './DataTable';
import { useOverviewFormat } from './format';

/** Created, completed and average score per day; a day opens the work orders created that day. */
export function TrendChart({
  trend,
  query,
  siteSendsCreationDates,
}: {
  trend: Overview['trend'];
  query: WorkOrderQuery;
  siteSendsCreationDates: boolean;
}) {
  const t = useTranslations('overview.trend');
  const f = useOverviewFormat();
  const router = useRouter();
  const href = (point: TrendPoint) => workOrderListHref(query, { createdFrom: point.day, createdTo: point.day });
  const points = trend.points;
  const dayLabel = (point: TrendPoint) => `${f.day(point.day)}${point.source === 'backfill' ? '*' : ''}`;
  return (
    <ChartCard
      title={t('title')}
      testId="trend"
      description={
        <>
          {trend.source === 'snapshots' ? t('fromSnapshots') : t('fromIndex')}
          {siteSendsCreationDates ? null : (
            <Box component="span" data-testid="trend-dates-note" sx={{ display: 'block', mt: 0.5 }}>
              {t('siteSendsNoCreationDates')}
            </Box>
          )}
        </>
      }
      chart={
        points.length === 0 ? (
          <Typography color="textSecondary">{t('empty')}</Typography>
        ) : (
          <LineChart
            height={280}
            dataset={points.map((point) => ({
              day: dayLabel(point),
              created: point.created,
              completed: point.completed,
              averageScore: point.averageScore,
            }))}
            xAxis={[{ scaleType: 'point', dataKey: 'day' }]}
            yAxis={[
              { id: 'count', tickMinStep: 1, label: `${t('created')} / ${t('completed')}` },
              { id: 'score', min: 0, max: 100, position: 'right', label: t('averageScore') },
            ]}
            series={[
              { dataKey: 'created', label: t('created'), yAxisId: 'count', showMark: false, valueFormatter: (v) => (v === null ? '' : f.count(v)) },
              {
                dataKey: 'completed',
                label: t('completed'),
                yAxisId: 'count',
                showMark: false,
                valueFormatter: (v) => (v === null ? '' : f.count(v)),
              },
              {
                dataKey: 'averageScore',
                label: t('averageScore'),
                yAxisId: 'score',
                showMark: false,
                connectNulls: true,
                valueFormatter: (v) => f.score(v),
              },
            ]}
            onAxisClick={(_, data) => {
              const point = data ? points[data.dataIndex] : undefined;
              if (point) router.push(href(point));
            }}
            sx={{ cursor: 'pointer' }}
          />
        )
      }
      table={
        <DataTable
          caption={t('title')}
          testId="trend-table"
          rowKey={(point) => point.day}
          rows={[...points].reverse()}
          columns={[
            { id: 'day', header: t('day'), cell: (point) => `${f.longDay(point.day)}${point.source === 'backfill' ? ` (${t('estimated')})` : ''}` },
            {
              id: 'created',
              header: t('created'),
              numeric: true,
              cell: (point) => (
                <Link component={IntentPrefetchLink} href={href(point)}>
                  {f.count(point.created)}
                </Link>
              ),
            },
            { id: 'completed', header: t('completed'), numeric: true, cell: (point) => f.count(point.completed) },
            { id: 'averageScore', header: t('averageScore'), numeric: true, cell: (point) => f.score(point.averageScore) },
          ]}
        />
      }
    />
  );
}
