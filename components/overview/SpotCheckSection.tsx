'use client';

import Alert from '@mui/material/Alert';
import Typography from '@mui/material/Typography';
import { useFormatter, useTranslations } from 'next-intl';
import useSWR from 'swr';
import { SPOT_CHECK_STATS_URL, fetchJson } from '@/lib/client/api';
import type { FalseAcceptRowDto, SpotCheckStatsDto } from '@/lib/shared/spot-checks';
import { Section } from './ChartCard';
import { DataTable } from './DataTable';

/**
 * The AI's false-accept rate per task from the blind spot checks, with its 95 % Wilson interval
 * and how many more checks would make it ±2 points. Loaded on its own, after the page: the
 * figures are the whole site's and do not depend on the overview's filters.
 */
export function SpotCheckSection() {
  const t = useTranslations('spotChecks.overview');
  const format = useFormatter();
  const { data, error } = useSWR<SpotCheckStatsDto>(SPOT_CHECK_STATS_URL, fetchJson, { shouldRetryOnError: false, revalidateOnFocus: false });
  const percent = (value: number) => format.number(value, { style: 'percent', maximumFractionDigits: 1 });

  return (
    <Section title={t('title')} description={t('intro')} testId="spot-check-section">
      {error ? <Alert severity="warning">{t('loadFailed')}</Alert> : null}
      {data ? (
        <>
          <Typography variant="body2" sx={{ mb: 1 }} data-testid="spot-check-summary">
            {t('summary', { checked: data.checkedWorkOrders, waiting: format.number(data.waiting), rate: format.number(data.ratePercent) })}
          </Typography>
          {data.tasks.length === 0 ? (
            <Typography variant="body2" color="textSecondary">
              {t('none')}
            </Typography>
          ) : (
            <>
              <DataTable<FalseAcceptRowDto>
                caption={t('tableLabel')}
                testId="false-accept-table"
                rows={data.tasks}
                rowKey={(row) => JSON.stringify([row.taskGroupName, row.taskName])}
                columns={[
                  { id: 'task', header: t('task'), cell: (row) => `${row.taskGroupName} · ${row.taskName}` },
                  { id: 'checked', header: t('checked'), numeric: true, cell: (row) => format.number(row.checked) },
                  { id: 'falseAccepts', header: t('falseAccepts'), numeric: true, cell: (row) => format.number(row.falseAccepts) },
                  { id: 'estimate', header: t('estimate'), numeric: true, cell: (row) => percent(row.estimate) },
                  { id: 'interval', header: t('interval'), numeric: true, cell: (row) => `${percent(row.low)} – ${percent(row.high)}` },
                  {
                    id: 'needed',
                    header: t('needed'),
                    numeric: true,
                    cell: (row) => (row.neededForTwoPoints === 0 ? t('enough') : format.number(row.neededForTwoPoints)),
                  },
                ]}
              />
              <Typography variant="caption" color="textSecondary">
                {t('neededHint')}
              </Typography>
            </>
          )}
        </>
      ) : null}
    </Section>
  );
}
