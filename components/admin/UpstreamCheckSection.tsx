'use client';

import FactCheckIcon from '@mui/icons-material/FactCheckOutlined';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useFormatter, useTranslations } from 'next-intl';
import { findingsAsDegradations, type ListFindings, type UpstreamCheckState } from '@/lib/shared/upstream-check';
import { degradationText, resultText, type Translate } from '@/lib/shared/upstream-check-text';
import { UpstreamCheckReportView } from './UpstreamCheckReport';
import { useUpstreamCheck } from './use-upstream-check';

/**
 * The admin page's "Deepomatic site": the last upstream check and "Check now" (the check runs
 * on the server, read-only), then what the index sync saw of the work-order list.
 */
export function UpstreamCheckSection({
  initial,
  syncFindings,
  syncedAt,
}: {
  initial: UpstreamCheckState;
  syncFindings: ListFindings;
  syncedAt: string | null;
}) {
  const t = useTranslations('admin.site') as unknown as Translate;
  const format = useFormatter();
  const { state, running, failure, run } = useUpstreamCheck(initial);
  const report = state.report;
  const syncDegradations = findingsAsDegradations(syncFindings);

  return (
    <Box component="section" aria-labelledby="deepomatic-site-title" sx={{ mt: 5, maxWidth: 1100 }}>
      <Typography variant="h5" component="h2" id="deepomatic-site-title" gutterBottom>
        {t('title')}
      </Typography>
      <Typography color="textSecondary" sx={{ mb: 2, maxWidth: 820 }}>
        {t('intro')}
      </Typography>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap', mb: 2 }}>
        <Button variant="outlined" startIcon={<FactCheckIcon />} onClick={() => void run()} disabled={running}>
          {running ? t('running') : t('run')}
        </Button>
        <Typography variant="body2" color="textSecondary" role="status">
          {running
            ? t('running')
            : report
              ? t('checked', {
                  time: format.dateTime(new Date(report.checkedAt), { dateStyle: 'medium', timeStyle: 'short' }),
                  who: state.checkedBy ?? '—',
                  seconds: Math.round(report.durationMs / 100) / 10,
                })
              : t('never')}
        </Typography>
      </Stack>
      {failure ? (
        <Alert severity="error" sx={{ mb: 2 }}>
          {t('failed', { message: failure.message })}
        </Alert>
      ) : null}
      {report ? (
        <>
          <Alert severity={!report.usable ? 'error' : report.degraded.length > 0 ? 'warning' : 'success'} role="status" sx={{ mb: 2 }}>
            {resultText(t, report)}
          </Alert>
          <UpstreamCheckReportView report={report} />
        </>
      ) : null}
      <Typography variant="h6" component="h3" sx={{ mt: 3, mb: 1 }}>
        {t('syncTitle')}
      </Typography>
      {syncedAt === null ? (
        <Typography color="textSecondary">{t('syncNever')}</Typography>
      ) : syncDegradations.length === 0 ? (
        <Typography color="textSecondary">{t('syncNone')}</Typography>
      ) : (
        <Box component="ul" sx={{ m: 0, pl: 3 }} data-testid="sync-findings">
          {syncDegradations.map((degradation) => (
            <li key={degradation.key}>
              <Typography>{degradationText(t, degradation)}</Typography>
            </li>
          ))}
        </Box>
      )}
    </Box>
  );
}
