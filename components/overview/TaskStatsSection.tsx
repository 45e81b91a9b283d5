'use client';

import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { BarChart } from './lazy-charts';
import { IntentPrefetchLink } from '@/components/layout/IntentPrefetchLink';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { share, taskListHref, type Overview, type TaskStats } from '@/lib/shared/overview';
import type { TaskState, WorkOrderQuery } from '@/lib/shared/work-order-filters';
import { ChartCard, Section } from './ChartCard';
import { DataTable, type Column } from './DataTable';
import { useOverviewFormat } from './format';

const CHART_TASKS = 15;

/**
 * Per task group and per task: shares not validated / not analysed / corrected, and the AI
 * overturn rate by direction, then by application version. On a task row every count links to
 * exactly the work orders it counts (the list's task filter: task, and its state); a task-group
 * row links to the work orders with a task of the group. A bar opens the task's corrections.
 */
export function TaskStatsSection({ overview, query }: { overview: Overview; query: WorkOrderQuery }) {
  const t = useTranslations('overview.tasks');
  const f = useOverviewFormat();
  const router = useRouter();
  const overturned = (row: TaskStats) => row.overturnedOkToKo + row.overturnedKoToOk;
  const ranked = [...overview.tasks]
    .sort((a, b) => (share(overturned(b), b.analyzed) ?? 0) - (share(overturned(a), a.analyzed) ?? 0))
    .slice(0, CHART_TASKS);
  const label = (row: TaskStats) => `${row.taskGroupName} · ${row.taskName}`;
  const percent = (value: number | null) => (value === null ? 0 : Math.round(value * 1000) / 10);

  /** A task row's count, its share and a link to its work orders; a group row's share and link. */
  const linked = (row: TaskStats, count: number, state: TaskState | null, title: string, shown: string | null = null): ReactNode => {
    const text =
      shown ??
      (row.taskName === null
        ? f.share(share(count, row.tasks))
        : t('shareAndCount', { share: f.share(share(count, row.tasks)), count: f.count(count) }));
    if (count === 0) return text;
    return (
      <Link component={IntentPrefetchLink} href={taskListHref(query, row, state)} title={title}>
        {text}
      </Link>
    );
  };
  const isTask = (row: TaskStats) => row.taskName !== null;

  const columns = (first: Column<TaskStats>): Column<TaskStats>[] => [
    first,
    {
      id: 'tasks',
      header: t('tasks'),
      numeric: true,
      cell: (row) => (isTask(row) ? linked(row, row.tasks, null, t('openTask'), f.count(row.tasks)) : f.count(row.tasks)),
    },
    {
      id: 'notValidated',
      header: t('notValidated'),
      numeric: true,
      cell: (row) =>
        !row.conformity
          ? f.share(null)
          : isTask(row)
            ? linked(row, row.notValidated, 'not_validated', t('openNotValidated'))
            : f.share(share(row.notValidated, row.tasks)),
    },
    {
      id: 'notAnalyzed',
      header: t('notAnalyzed'),
      numeric: true,
      cell: (row) => (isTask(row) ? linked(row, row.notAnalyzed, 'not_analyzed', t('openNotAnalyzed')) : f.share(share(row.notAnalyzed, row.tasks))),
    },
    {
      id: 'corrected',
      header: t('corrected'),
      numeric: true,
      cell: (row) => linked(row, row.corrected, 'corrected', isTask(row) ? t('openCorrectedTask') : t('openGroupCorrected')),
    },
    { id: 'overturned', header: t('overturned'), numeric: true, cell: (row) => f.share(share(overturned(row), row.analyzed)) },
    { id: 'okToKo', header: t('okToKo'), numeric: true, cell: (row) => f.share(share(row.overturnedOkToKo, row.analyzed)) },
    { id: 'koToOk', header: t('koToOk'), numeric: true, cell: (row) => f.share(share(row.overturnedKoToOk, row.analyzed)) },
  ];

  if (overview.tasks.length === 0) {
    return (
      <Section title={t('title')} description={t('empty')} testId="tasks">
        {null}
      </Section>
    );
  }
  return (
    <Stack spacing={2}>
      <ChartCard
        title={t('chartTitle')}
        description={t('description')}
        testId="overturn"
        chart={
          ranked.every((row) => overturned(row) === 0) ? (
            <Typography color="textSecondary">{t('noOverturns')}</Typography>
          ) : (
            <BarChart
              height={Math.max(160, 36 * ranked.length + 60)}
              layout="horizontal"
              dataset={ranked.map((row) => ({
                task: label(row),
                okToKo: percent(share(row.overturnedOkToKo, row.analyzed)),
                koToOk: percent(share(row.overturnedKoToOk, row.analyzed)),
              }))}
              yAxis={[{ scaleType: 'band', dataKey: 'task', width: 180 }]}
              xAxis={[{ label: '%', min: 0 }]}
              series={[
                { dataKey: 'okToKo', label: t('okToKo'), stack: 'overturn', valueFormatter: (v) => (v === null ? '' : f.share(v / 100)) },
                { dataKey: 'koToOk', label: t('koToOk'), stack: 'overturn', valueFormatter: (v) => (v === null ? '' : f.share(v / 100)) },
              ]}
              onItemClick={(_, item) => {
                const row = ranked[item.dataIndex];
                if (row) router.push(taskListHref(query, row, 'corrected'));
              }}
              sx={{ cursor: 'pointer' }}
            />
          )
        }
        table={
          <DataTable
            caption={t('chartTitle')}
            testId="overturn-table"
            rowKey={(row) => `${row.taskGroupName}\u0000${row.taskName}`}
            rows={ranked}
            columns={[
              { id: 'task', header: t('task'), cell: label },
              { id: 'analyzed', header: t('analyzed'), numeric: true, cell: (row) => f.count(row.analyzed) },
              { id: 'okToKo', header: t('okToKo'), numeric: true, cell: (row) => f.share(share(row.overturnedOkToKo, row.analyzed)) },
              { id: 'koToOk', header: t('koToOk'), numeric: true, cell: (row) => f.share(share(row.overturnedKoToOk, row.analyzed)) },
            ]}
          />
        }
      />
      <Section title={t('title')} testId="task-groups">
        <DataTable
          caption={t('taskGroup')}
          testId="task-groups-table"
          rowKey={(row) => row.taskGroupName}
          rows={overview.taskGroups}
          columns={columns({
            id: 'group',
            header: t('taskGroup'),
            cell: (row) => (
              <Link component={IntentPrefetchLink} href={taskListHref(query, row)} title={t('openGroup')}>
                {row.taskGroupName}
              </Link>
            ),
          })}
        />
        <DataTable
          caption={t('task')}
          testId="tasks-table"
          rowKey={(row) => `${row.taskGroupName}\u0000${row.taskName}`}
          rows={overview.tasks}
          columns={columns({
            id: 'task',
            header: t('task'),
            cell: (row) => (
              <Link component={IntentPrefetchLink} href={taskListHref(query, row)} title={t('openTask')}>
                {label(row)}
              </Link>
            ),
          })}
        />
      </Section>
      {overview.overturnByVersion.length > 0 && (
        <Section title={t('byVersion')} testId="by-version">
          <DataTable
            caption={t('byVersion')}
            rowKey={(row) => `${row.taskGroupName}\u0000${row.taskName}\u0000${row.appVersionId}`}
            rows={overview.overturnByVersion}
            columns={[
              { id: 'task', header: t('task'), cell: (row) => `${row.taskGroupName} · ${row.taskName}` },
              { id: 'version', header: t('appVersion'), cell: (row) => row.appVersionId ?? t('noVersion') },
              { id: 'analyzed', header: t('analyzed'), numeric: true, cell: (row) => f.count(row.analyzed) },
              { id: 'okToKo', header: t('okToKo'), numeric: true, cell: (row) => f.share(share(row.overturnedOkToKo, row.analyzed)) },
              { id: 'koToOk', header: t('koToOk'), numeric: true, cell: (row) => f.share(share(row.overturnedKoToOk, row.analyzed)) },
            ]}
          />
        </Section>
      )}
    </Stack>
  );
}
