'use client';

import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { useTranslations } from 'next-intl';
import useSWR from 'swr';
import { ApiError, HEALTH_URL, requestRaw } from '@/lib/client/api';

interface HealthBody {
  status: 'ok' | 'degraded' | 'down';
  upstream?: { breaker?: string };
}

const REFRESH_MS = 60_000;

async function fetchHealth(url: string): Promise<HealthBody> {
  // 503 still carries the body that says what is down.
  const { status, body } = await requestRaw(url);
  if (!body || typeof body !== 'object' || !('status' in body)) throw new ApiError(status, null);
  return body as HealthBody;
}

const COLORS = { ok: 'success.main', degraded: 'warning.main', down: 'error.main' } as const;

/**
 * A quiet line at the foot of the navigation: is Deepomatic reachable, is our database up.
 * Supervisors learn about an outage before a correction fails, not after.
 */
export function ServiceStatus() {
  const t = useTranslations('nav.status');
  const { data } = useSWR(HEALTH_URL, fetchHealth, { refreshInterval: REFRESH_MS, revalidateOnFocus: true, shouldRetryOnError: false });
  if (!data) return null;

  const label = data.status === 'ok' ? t('ok') : data.status === 'degraded' ? t('degraded') : t('down');
  const hint =
    data.status === 'down'
      ? t('downHint')
      : data.status === 'degraded'
        ? data.upstream?.breaker === 'open'
          ? t('breakerOpen')
          : t('degradedHint')
        : '';

  return (
    <Box role="status" aria-label={t('label')} sx={{ px: 2.5, py: 1.5, mt: 'auto', borderTop: 1, borderColor: 'divider' }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
        <Box component="span" aria-hidden="true" sx={{ width: 8, height: 8, borderRadius: '50%', bgcolor: COLORS[data.status], flexShrink: 0 }} />
        <Typography variant="caption" color="textSecondary" noWrap>
          {label}
        </Typography>
      </Box>
      {hint ? (
        <Typography variant="caption" color="textSecondary" component="p" sx={{ mt: 0.5, lineHeight: 1.35 }}>
          {hint}
        </Typography>
      ) : null}
    </Box>
  );
}
