'use client';

import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useTranslations } from 'next-intl';
import { UPSTREAM_TIMELINE_TYPES, type TimelineEntryDto } from '@/lib/shared/work-order-dto';
import { TaskValueText } from '@/components/tasks/TaskValueText';
import type { TaskValue } from '@/lib/shared/progress-score';
import { useDateFormat } from './format';

const KNOWN_TYPES = new Set<string>(UPSTREAM_TIMELINE_TYPES);

function isTaskValue(value: unknown): value is TaskValue | null {
  return value === null || ['boolean', 'number', 'string'].includes(typeof value);
}

/**
 * The value an audit row's `before` / `after` stands for: a plain value, or the
 * effective / corrected value of the task snapshot the correction recorded.
 */
function auditValue(snapshot: unknown): TaskValue | null | undefined {
  if (snapshot === undefined) return undefined;
  if (isTaskValue(snapshot)) return snapshot;
  if (snapshot && typeof snapshot === 'object' && !Array.isArray(snapshot)) {
    const record = snapshot as Record<string, unknown>;
    for (const key of ['effectiveValue', 'correctedValue', 'status']) {
      if (key in record && isTaskValue(record[key])) return record[key] as TaskValue | null;
    }
  }
  return undefined;
}

/** Technical fields of our audit rows that mean nothing to a supervisor. */
const HIDDEN_AUDIT_DETAILS = new Set(['idempotencyKey', 'version', 'role', 'upstreamStatus', 'taskGroupName', 'inputId', 'path', 'required']);

function visiblePayload(entry: TimelineEntryDto) {
  const entries = Object.entries(entry.payload);
  return entry.source === 'upstream' ? entries : entries.filter(([key]) => !HIDDEN_AUDIT_DETAILS.has(key));
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
              {auditValue(entry.before) !== undefined || auditValue(entry.after) !== undefined ? (
                <>
                  {' · '}
                  <TaskValueText value={auditValue(entry.before) ?? null} /> → <TaskValueText value={auditValue(entry.after) ?? null} />
                </>
              ) : null}
              {entry.reason ? ` · ${t('reason', { reason: entry.reason })}` : ''}
              {entry.comment ? ` · ${entry.comment}` : ''}
            </Typography>
            {visiblePayload(entry).length > 0 ? (
              <Typography variant="caption" color="text.secondary" component="p" sx={{ overflowWrap: 'anywhere' }}>
                {visiblePayload(entry)
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
