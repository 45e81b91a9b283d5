'use client';

import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useTranslations } from 'next-intl';
import type { TimelineEntryDto } from '@/lib/shared/work-order-dto';
import { TaskValueText } from '@/components/tasks/TaskValueText';
import type { TaskValue } from '@/lib/shared/progress-score';
import { useDateFormat } from './format';

const KNOWN_TYPES = new Set([
  'work_order_created',
  'work_order_updated',
  'metadata_updated',
  'analysis',
  'conformity_error',
  'correction',
  'work_order_deleted',
]);

function isTaskValue(value: unknown): value is TaskValue | null {
  return value === null || ['boolean', 'number', 'string'].includes(typeof value);
}

/** Upstream events and our audit events, merged, newest first (the server already sorted them). */
export function Timeline({ entries, complete }: { entries: TimelineEntryDto[]; complete: boolean }) {
  const t = useTranslations('workOrder.timeline');
  const formatDate = useDateFormat();
  const label = (entry: TimelineEntryDto) => {
    if (KNOWN_TYPES.has(entry.type)) return t(`types.${entry.type}` as 'types.analysis');
    return entry.type.replace(/[._]/g, ' ');
  };
  return (
    <Stack spacing={1}>
      {!complete ? <Alert severity="warning">{t('incomplete')}</Alert> : null}
      {entries.length === 0 ? <Typography color="text.secondary">{t('empty')}</Typography> : null}
      <Box component="ol" sx={{ listStyle: 'none', m: 0, p: 0 }} aria-label={t('heading')}>
        {entries.map((entry) => (
          <Box component="li" key={entry.id} sx={{ py: 1, borderBottom: 1, borderColor: 'divider' }} data-testid="timeline-entry">
            <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
              <Typography variant="body2" sx={{ fontWeight: 600 }}>
                {label(entry)}
              </Typography>
              <Chip size="small" variant="outlined" label={entry.source === 'upstream' ? t('sourceUpstream') : t('sourceOurs')} />
              {entry.outcome ? <Chip size="small" label={t('outcome', { outcome: entry.outcome })} /> : null}
              <Typography variant="caption" color="text.secondary" component="time" dateTime={entry.date}>
                {formatDate(entry.date)}
              </Typography>
            </Stack>
            <Typography variant="body2" color="text.secondary" sx={{ overflowWrap: 'anywhere' }}>
              {entry.actorEmail ? t('by', { who: entry.actorEmail }) : null}
              {entry.taskName ? ` · ${entry.taskName}` : entry.taskGroupName ? ` · ${entry.taskGroupName}` : ''}
              {isTaskValue(entry.before) || isTaskValue(entry.after) ? (
                <>
                  {' · '}
                  <TaskValueText value={isTaskValue(entry.before) ? entry.before : null} /> →{' '}
                  <TaskValueText value={isTaskValue(entry.after) ? entry.after : null} />
                </>
              ) : null}
              {entry.reason ? ` · ${t('reason', { reason: entry.reason })}` : ''}
              {entry.comment ? ` · ${entry.comment}` : ''}
            </Typography>
            {Object.keys(entry.payload).length > 0 ? (
              <Typography variant="caption" color="text.secondary" component="p" sx={{ overflowWrap: 'anywhere' }}>
                {Object.entries(entry.payload)
                  .slice(0, 8)
                  .map(([key, value]) => `${key}: ${value === null ? '—' : String(value)}`)
                  .join(' · ')}
              </Typography>
            ) : null}
          </Box>
        ))}
      </Box>
    </Stack>
  );
}
