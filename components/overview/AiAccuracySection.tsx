'use client';

import Alert from '@mui/material/Alert';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { BarChart } from './lazy-charts';
import { useTranslations } from 'next-intl';
import { useId } from 'react';
import { overturnRate, type OverturnCounts, type TaskOverturn, type VersionOverturn, type WeekOverturn } from '@/lib/shared/ai-accuracy';
import { AiDriftAlarm } from './AiDriftAlarm';
import { ChartCard, Section } from './ChartCard';
import { DataTable, type Column } from './DataTable';
import { useOverviewFormat } from './format';
import { useAiAccuracy } from './use-ai-accuracy';

/**
 * The AI's real error rate: overturns by every correction the upstream records (not only
 * those made here), by direction, per task, application version and week, and the drift
 * alarm between the two newest versions. Loads on its own, after the rest of the overview.
 */
export function AiAccuracySection({ query }: { query: string }) {
  const t = useTranslations('aiAccuracy');
  const f = useOverviewFormat();
  const headingId = useId();
  const { accuracy, error, loading } = useAiAccuracy(query);

  const share = (part: number, row: OverturnCounts) => f.share(row.judged > 0 ? part / row.judged : null);
  const counts = <T extends OverturnCounts>(): Column<T>[] => [
    { id: 'rate', header: t('rate'), numeric: true, cell: (row) => f.share(overturnRate(row)) },
    {
      id: 'okToKo',
      header: t('okToKo'),
      numeric: true,
      cell: (row) => t('shareAndCount', { share: share(row.okToKo, row), count: f.count(row.okToKo) }),
    },
    {
      id: 'koToOk',
      header: t('koToOk'),
      numeric: true,
      cell: (row) => t('shareAndCount', { share: share(row.koToOk, row), count: f.count(row.koToOk) }),
    },
    { id: 'kept', header: t('kept'), numeric: true, cell: (row) => f.count(row.correctedKept) },
    { id: 'judged', header: t('judged'), numeric: true, cell: (row) => f.count(row.judged) },
  ];
  const percent = (part: number, row: OverturnCounts) => (row.judged > 0 ? Math.round((part / row.judged) * 1000) / 10 : 0);

  return (
    <Paper component="section" aria-labelledby={headingId} variant="outlined" sx={{ p: 2, minWidth: 0 }} data-testid="ai-accuracy">
      <Typography id={headingId} variant="h6" component="h2">
        {t('title')}
      </Typography>
      <Typography variant="body2" color="textSecondary" sx={{ mb: 2 }}>
        {t('description')}
      </Typography>
      {loading && !accuracy && <LinearProgress aria-label={t('loading')} />}
      {error && <Alert severity="warning">{t('failed', { message: error })}</Alert>}
      {accuracy && (
        <Stack spacing={2}>
          <AiDriftAlarm drift={accuracy.drift} />
          {accuracy.tasks.length === 0 ? (
            <Typography color="textSecondary">{t('empty')}</Typography>
          ) : (
            <>
              <Section title={t('byTask')} testId="ai-accuracy-tasks">
                <DataTable<TaskOverturn>
                  caption={t('byTask')}
                  rowKey={(row) => `${row.taskGroupName}\u0000${row.taskName}`}
                  rows={accuracy.tasks}
                  columns={[{ id: 'task', header: t('task'), cell: (row) => `${row.taskGroupName} · ${row.taskName}` }, ...counts<TaskOverturn>()]}
                />
              </Section>
              <Section title={t('byVersion')} description={t('byVersionDescription')} testId="ai-accuracy-versions">
                <DataTable<VersionOverturn>
                  caption={t('byVersion')}
                  rowKey={(row) => row.appVersionId ?? ''}
                  rows={accuracy.versions}
                  columns={[
                    { id: 'version', header: t('version'), cell: (row) => row.appVersionId ?? t('noVersion') },
                    { id: 'firstSeen', header: t('firstSeen'), cell: (row) => (row.firstSeen ? f.dateTime(row.firstSeen) : t('none')) },
                    ...counts<VersionOverturn>(),
                  ]}
                />
              </Section>
              <ChartCard
                title={t('byWeek')}
                description={t('byWeekDescription')}
                testId="ai-accuracy-weeks"
                chart={
                  <BarChart
                    height={260}
                    dataset={accuracy.weeks.map((row) => ({
                      week: row.week,
                      okToKo: percent(row.okToKo, row),
                      koToOk: percent(row.koToOk, row),
                    }))}
                    xAxis={[{ scaleType: 'band', dataKey: 'week', valueFormatter: (week: string) => f.day(week) }]}
                    yAxis={[{ label: '%', min: 0 }]}
                    series={[
                      { dataKey: 'okToKo', label: t('okToKo'), stack: 'overturn', valueFormatter: (v) => (v === null ? '' : f.share(v / 100)) },
                      { dataKey: 'koToOk', label: t('koToOk'), stack: 'overturn', valueFormatter: (v) => (v === null ? '' : f.share(v / 100)) },
                    ]}
                  />
                }
                table={
                  <DataTable<WeekOverturn>
                    caption={t('byWeek')}
                    rowKey={(row) => row.week}
                    rows={accuracy.weeks}
                    columns={[{ id: 'week', header: t('week'), cell: (row) => f.longDay(row.week) }, ...counts<WeekOverturn>()]}
                  />
                }
              />
            </>
          )}
        </Stack>
      )}
    </Paper>
  );
}
