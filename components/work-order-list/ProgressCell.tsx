'use client';

import Box from '@mui/material/Box';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import { useTranslations } from 'next-intl';
import { progressBand, type ProgressBand } from '@/lib/shared/work-order-list';

const BAND_COLOR: Record<ProgressBand, 'error' | 'warning' | 'info' | 'success'> = {
  none: 'error',
  low: 'warning',
  partial: 'info',
  complete: 'success',
};

/** `progress_score` as a bar coloured by band (0, 1–49, 50–99, 100) with the number beside it. */
export function ProgressCell({ score }: { score: number }) {
  const t = useTranslations('workOrders');
  const band = progressBand(score);
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, width: '100%', height: '100%' }} data-band={band}>
      <LinearProgress
        variant="determinate"
        value={Math.max(score, 2)}
        color={BAND_COLOR[band]}
        aria-label={t('progressLabel', { score })}
        sx={{ flex: 1, height: 8, borderRadius: 4 }}
      />
      <Typography variant="body2" component="span" sx={{ minWidth: 32, textAlign: 'right', fontVariantNumeric: 'tabular-nums' }}>
        {score}
      </Typography>
    </Box>
  );
}
