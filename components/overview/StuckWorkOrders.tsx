'use client';

import Box from '@mui/material/Box';
import FormControl from '@mui/material/FormControl';
import InputLabel from '@mui/material/InputLabel';
import Link from '@mui/material/Link';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Select from '@mui/material/Select';
import Typography from '@mui/material/Typography';
import { IntentPrefetchLink } from '@/components/layout/IntentPrefetchLink';
import { useTranslations } from 'next-intl';
import { useId } from 'react';
import { ScrollRegion } from '@/components/layout/ScrollRegion';
import { STUCK_DAYS, workOrderListHref, type Overview } from '@/lib/shared/overview';
import type { WorkOrderQuery } from '@/lib/shared/work-order-filters';
import { DataTable } from './DataTable';
import { useOverviewFormat } from './format';

/** Incomplete work orders with no update for N days (N chosen here), oldest first. */
export function StuckWorkOrders({
  stuck,
  stuckDays,
  query,
  asOf,
  siteSendsUpdateDates,
  onStuckDaysChange,
}: {
  stuck: Overview['stuck'];
  stuckDays: number;
  query: WorkOrderQuery;
  asOf: string;
  siteSendsUpdateDates: boolean;
  onStuckDaysChange: (days: number) => void;
}) {
  const t = useTranslations('overview.stuck');
  const f = useOverviewFormat();
  const headingId = useId();
  const labelId = useId();
  const now = new Date(asOf);
  const cutoffDay = new Date(now.getTime() - stuckDays * 86_400_000).toISOString().slice(0, 10);
  const listHref = workOrderListHref(query, { progressMax: 99, updatedTo: cutoffDay }, { field: 'updateDate', direction: 'asc' });
  return (
    <Paper component="section" aria-labelledby={headingId} variant="outlined" sx={{ p: 2, minWidth: 0 }} data-testid="stuck">
      <Box sx={{ display: 'flex', gap: 2, alignItems: 'flex-start', flexWrap: 'wrap', mb: 1 }}>
        <Box sx={{ flex: 1, minWidth: 200 }}>
          <Typography id={headingId} variant="h6" component="h2">
            {t('title')} · {stuck.capped ? t('countCapped', { total: f.count(stuck.total) }) : t('count', { total: stuck.total })}
          </Typography>
          <Typography variant="body2" color="textSecondary">
            {t('description', { days: stuckDays })}
          </Typography>
          {siteSendsUpdateDates ? null : (
            <Typography variant="body2" color="textSecondary" data-testid="stuck-dates-note">
              {t('siteSendsNoUpdateDates')}
            </Typography>
          )}
        </Box>
        <FormControl size="small" sx={{ minWidth: 140 }}>
          <InputLabel id={labelId}>{t('lastUpdate')}</InputLabel>
          <Select
            labelId={labelId}
            label={t('lastUpdate')}
            value={stuckDays}
            onChange={(event) => onStuckDaysChange(Number(event.target.value))}
            inputProps={{ 'data-testid': 'stuck-days' }}
          >
            {STUCK_DAYS.map((days) => (
              <MenuItem key={days} value={days}>
                {`> ${t('days', { days })}`}
              </MenuItem>
            ))}
          </Select>
        </FormControl>
      </Box>
      {stuck.items.length === 0 ? (
        <Typography color="textSecondary">{t('empty')}</Typography>
      ) : (
        <ScrollRegion labelledBy={headingId}>
          <DataTable
            caption={t('title')}
            testId="stuck-table"
            rowKey={(item) => item.id}
            rows={stuck.items}
            columns={[
              {
                id: 'name',
                header: t('name'),
                cell: (item) => (
                  <Link component={IntentPrefetchLink} href={`/work-orders/${encodeURIComponent(item.id)}`}>
                    {item.name}
                  </Link>
                ),
              },
              { id: 'engineer', header: t('engineer'), cell: (item) => item.fieldEngineerEmail ?? '—' },
              { id: 'score', header: t('score'), numeric: true, cell: (item) => f.count(item.progressScore) },
              { id: 'lastUpdate', header: t('lastUpdate'), cell: (item) => f.dateTime(item.updateDate) },
              { id: 'idle', header: t('idle'), cell: (item) => f.relative(item.updateDate, now) },
            ]}
          />
        </ScrollRegion>
      )}
      {stuck.total > stuck.items.length && (
        <Box sx={{ mt: 1 }}>
          <Link component={IntentPrefetchLink} href={listHref}>
            {stuck.capped ? t('showAllCapped') : t('showAll', { total: f.count(stuck.total) })}
          </Link>
        </Box>
      )}
    </Paper>
  );
}
