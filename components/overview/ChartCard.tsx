'use client';

import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import BarChartIcon from '@mui/icons-material/BarChart';
import TableRowsIcon from '@mui/icons-material/TableRows';
import { useTranslations } from 'next-intl';
import { useId, useState, type ReactNode } from 'react';
import { ScrollRegion } from '@/components/layout/ScrollRegion';

/**
 * A titled card showing a chart or, on request, a table of the same numbers (the accessible
 * view: screen readers and keyboard users get the table; everyone can check a bar's value).
 */
export function ChartCard({
  title,
  description,
  chart,
  table,
  actions,
  testId,
}: {
  title: string;
  description?: ReactNode;
  chart: ReactNode;
  table: ReactNode;
  actions?: ReactNode;
  testId?: string;
}) {
  const t = useTranslations('overview.view');
  const [view, setView] = useState<'chart' | 'table'>('chart');
  const headingId = useId();
  return (
    <Paper component="section" aria-labelledby={headingId} variant="outlined" sx={{ p: 2, minWidth: 0 }} data-testid={testId}>
      <Box sx={{ display: 'flex', alignItems: 'flex-start', gap: 1, flexWrap: 'wrap', mb: 1 }}>
        <Box sx={{ flex: 1, minWidth: 200 }}>
          <Typography id={headingId} variant="h6" component="h2">
            {title}
          </Typography>
          {description && (
            <Typography variant="body2" color="textSecondary">
              {description}
            </Typography>
          )}
        </Box>
        {actions}
        <ToggleButtonGroup
          size="small"
          exclusive
          value={view}
          onChange={(_, next: 'chart' | 'table' | null) => next && setView(next)}
          aria-label={`${t('label')}: ${title}`}
        >
          <ToggleButton value="chart" aria-label={t('chart')}>
            <BarChartIcon fontSize="small" />
          </ToggleButton>
          <ToggleButton value="table" aria-label={t('table')}>
            <TableRowsIcon fontSize="small" />
          </ToggleButton>
        </ToggleButtonGroup>
      </Box>
      {view === 'chart' ? <Box>{chart}</Box> : <ScrollRegion labelledBy={headingId}>{table}</ScrollRegion>}
    </Paper>
  );
}

/** A titled card with content only (tables that are not a chart's table view). */
export function Section({ title, description, children, testId }: { title: string; description?: ReactNode; children: ReactNode; testId?: string }) {
  const headingId = useId();
  return (
    <Paper component="section" aria-labelledby={headingId} variant="outlined" sx={{ p: 2, minWidth: 0 }} data-testid={testId}>
      <Typography id={headingId} variant="h6" component="h2">
        {title}
      </Typography>
      {description && (
        <Typography variant="body2" color="textSecondary" sx={{ mb: 1 }}>
          {description}
        </Typography>
      )}
      <ScrollRegion labelledBy={headingId}>{children}</ScrollRegion>
    </Paper>
  );
}
