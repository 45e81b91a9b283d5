'use client';

import SyncIcon from '@mui/icons-material/Sync';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useFormatter, useNow, useTranslations } from 'next-intl';
import type { IndexSyncSummary } from '@/lib/shared/work-order-list';

/** "Last synced …", the last sync error if it is newer, and "Sync now" for admins. */
export function SyncStatus({ sync, canSync, onSyncNow }: { sync: IndexSyncSummary; canSync: boolean; onSyncNow(): void }) {
  const t = useTranslations('workOrders.sync');
  const format = useFormatter();
  const now = useNow({ updateInterval: 30_000 });
  const relative = (iso: string) => format.relativeTime(new Date(iso), now);
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap', color: 'text.secondary' }} role="status">
      <Typography variant="body2">
        {sync.running ? t('running') : sync.lastSyncedAt ? t('last', { time: relative(sync.lastSyncedAt) }) : t('never')}
        {' · '}
        {t('total', { count: sync.total })}
      </Typography>
      {sync.lastError && sync.lastErrorAt ? (
        <Typography variant="body2" color="error">
          {t('failed', { code: sync.lastError, time: relative(sync.lastErrorAt) })}
        </Typography>
      ) : null}
      {canSync ? (
        <Button size="small" startIcon={<SyncIcon />} onClick={onSyncNow} disabled={sync.running}>
          {t('now')}
        </Button>
      ) : null}
    </Stack>
  );
}
