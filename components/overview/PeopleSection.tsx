'use client';

import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import { BarChart } from './lazy-charts';
import { IntentPrefetchLink } from '@/components/layout/IntentPrefetchLink';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { share, workOrderListHref, type PeopleStats } from '@/lib/shared/overview';
import type { WorkOrderQuery } from '@/lib/shared/work-order-filters';
import { ChartCard } from './ChartCard';
import { DataTable } from './DataTable';
import { useOverviewFormat } from './format';

const CHART_ROWS = 12;

/**
 * Scorecards per technician or per user group: work orders, average score, first-time-right
 * rate, conformity errors, corrections. A bar or row opens that technician's / group's list.
 */
export function PeopleSection({ kind, rows, query }: { kind: 'technicians' | 'userGroups'; rows: PeopleStats[]; query: WorkOrderQuery }) {
  const t = useTranslations('overview.people');
  const f = useOverviewFormat();
  const router = useRouter();
  const title = t(kind);
  const name = (row: PeopleStats) => (kind === 'technicians' ? (row.key ?? t('noEngineer')) : (row.key ?? ''));
  const href = (row: PeopleStats): string | null => {
    if (row.key === null) return kind === 'technicians' ? workOrderListHref(query, { engineers: [], assigned: false }) : null;
    return workOrderListHref(query, kind === 'technicians' ? { engineers: [row.key], assigned: null } : { groups: [row.key] });
  };
  const top = rows.slice(0, CHART_ROWS);
  const testId = kind === 'technicians' ? 'technicians' : 'user-groups';
  return (
    <ChartCard
      title={title}
      testId={testId}
      chart={
        rows.length === 0 ? (
          <Typography color="textSecondary">{t('empty')}</Typography>
        ) : (
          <BarChart
            height={Math.max(160, 32 * top.length + 70)}
            layout="horizontal"
            dataset={top.map((row) => ({
              name: name(row),
              averageScore: row.averageScore ?? 0,
              firstTimeRight: Math.round((share(row.firstTimeRight, row.workOrders) ?? 0) * 1000) / 10,
            }))}
            yAxis={[{ scaleType: 'band', dataKey: 'name', width: 170 }]}
            xAxis={[{ min: 0, max: 100 }]}
            series={[
              { dataKey: 'averageScore', label: t('averageScore'), valueFormatter: (v) => f.score(v) },
              { dataKey: 'firstTimeRight', label: `${t('firstTimeRight')} (%)`, valueFormatter: (v) => (v === null ? '' : f.share(v / 100)) },
            ]}
            onItemClick={(_, item) => {
              const row = top[item.dataIndex];
              const target = row ? href(row) : null;
              if (target) router.push(target);
            }}
            sx={{ cursor: 'pointer' }}
          />
        )
      }
      table={
        <DataTable
          caption={title}
          testId={`${testId}-table`}
          rowKey={(row) => row.key ?? '\u0000none'}
          rows={rows}
          columns={[
            {
              id: 'name',
              header: kind === 'technicians' ? t('technician') : t('userGroup'),
              cell: (row) => {
                const target = href(row);
                return target ? (
                  <Link component={IntentPrefetchLink} href={target} title={row.key === null ? t('openNoEngineer') : undefined}>
                    {name(row)}
                  </Link>
                ) : (
                  name(row)
                );
              },
            },
            { id: 'workOrders', header: t('workOrders'), numeric: true, cell: (row) => f.count(row.workOrders) },
            { id: 'averageScore', header: t('averageScore'), numeric: true, cell: (row) => f.score(row.averageScore) },
            {
              id: 'firstTimeRight',
              header: <span title={t('firstTimeRightHelp')}>{t('firstTimeRight')}</span>,
              numeric: true,
              cell: (row) => f.share(share(row.firstTimeRight, row.workOrders)),
            },
            { id: 'conformityErrors', header: t('conformityErrors'), numeric: true, cell: (row) => f.count(row.conformityErrors) },
            { id: 'corrections', header: t('corrections'), numeric: true, cell: (row) => f.count(row.corrections) },
          ]}
        />
      }
    />
  );
}
