'use client';

import Alert from '@mui/material/Alert';
import type { SxProps, Theme } from '@mui/material/styles';
import { useTranslations } from 'next-intl';
import type { ApiError } from '@/lib/client/api';

/** A refused work-order form: our localised message (or "network error") and the request id to quote. */
export function RequestErrorAlert({ error, sx }: { error: ApiError; sx?: SxProps<Theme> }) {
  const t = useTranslations('workOrder.form');
  return (
    <Alert severity="error" role="alert" sx={sx}>
      {error.body?.message ?? t('networkError')} {error.body?.requestId ? t('reference', { id: error.body.requestId }) : ''}
    </Alert>
  );
}
