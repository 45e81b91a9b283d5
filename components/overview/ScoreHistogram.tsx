'use client';

import Link from '@mui/material/Link';
import { BarChart } from './lazy-charts';
import { IntentPrefetchLink } from '@/components/layout/IntentPrefetchLink';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { share, workOrderListHref, type ScoreBandCount } from '@/lib/shared/overview';
import type { WorkOrderQuery } from '@/lib/shared/work-order-filters';
import { ChartCard } from './ChartCard';
import { DataTable } from './DataTable';
import { useOverviewFormat } from './format';

/** Work orders per progress-score band; a bar opens the list filtered to its band. */
export function ScoreHistogram({ histogram, query }: { histogram: ScoreBandCount[]; query: WorkOrderQuery }) {
  const t = useTranslations('overview.histogram');
  const f = useOverviewFormat();
  const router = useRouter();
  const total = histogram.reduce((sum, band) => sum + band.workOrders, 0);
  const href = (band: ScoreBandCount) => workOrderListHref(query, { progressMin: band.min, progressMax: band.max });
  const colors = ['#9e9e9e', '#ef6c00', '#1e88e5', '#2e7d32'];
  return (
    <ChartCard
      title={t('title')}
      testId="histogram"
      chart={
        <BarChart
          height={260}
          dataset={histogram.map((band) => ({ band: t(band.band), workOrders: band.workOrders }))}
          xAxis={[{ scaleType: 'band', dataKey: 'band', label: t('band'), colorMap: { type: 'ordinal', colors } }]}
          yAxis={[{ label: t('workOrders'), tickMinStep: 1 }]}
          series={[{ dataKey: 'workOrders', label: t('workOrders'), valueFormatter: (value) => (value === null ? '' : f.count(value)) }]}
          hideLegend
          onItemClick={(_, item) => {
            const band = histogram[item.dataIndex];
            if (band) router.push(href(band));
          }}
          sx={{ cursor: 'pointer' }}
        />
      }
      table={
        <DataTable
          caption={t('title')}
          testId="histogram-table"
          rowKey={(band) => band.band}
          rows={histogram}
          columns={[
            { id: 'band', header: t('band'), cell: (band) => t(band.band) },
            {
              id: 'workOrders',
              header: t('workOrders'),
              numeric: true,
              cell: (band) => (
                <Link component={IntentPrefetchLink} href={href(band)}>
                  {f.count(band.workOrders)}
                </Link>
              ),
            },
            { id: 'share', header: t('share'), numeric: true, cell: (band) => f.share(share(band.workOrders, total)) },
          ]}
        />
      }
    />
  );
}
