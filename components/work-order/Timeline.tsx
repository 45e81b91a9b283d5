'use client';

import Alert from '@mui/material/Alert';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useTranslations } from 'next-intl';
import { UPSTREAM_TIMELINE_TYPES, type TimelineEntryDto } from '@/lib/shared/work-order-dto';
import { TaskValueText } from '@/components/tasks/TaskValueText';
import type { TaskValue } from '@/lib/shared/progress-score';
import { useDateFormat } from './format';
import chip from './Chip.module.css';
import styles from './Timeline.module.css';

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

/**
 * Upstream events and our audit events, merged, newest first (the server already sorted them).
 * Each event is plain elements styled by the timeline's CSS module: a work order has dozens, and
 * MUI components there cost server CPU on every render (styles computed and inlined per element).
 */
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
      {entries.length === 0 ? <Typography color="textSecondary">{t('empty')}</Typography> : null}
      <ol className={styles.list} aria-label={t('heading')}>
        {entries.map((entry) => (
          <li key={entry.id} className={styles.entry} data-testid="timeline-entry">
            <div className={styles.summary}>
              <p className={styles.type}>{label(entry)}</p>
              <span className={`${chip.chip} ${chip.outlined}`}>
                <span className={chip.label}>{entry.source === 'upstream' ? t('sourceUpstream') : t('sourceOurs')}</span>
              </span>
              {entry.outcome ? (
                <span className={chip.chip}>
                  <span className={chip.label}>{t('outcome', { outcome: entry.outcome })}</span>
                </span>
              ) : null}
              <time className={styles.caption} dateTime={entry.date}>
                {formatDate(entry.date)}
              </time>
            </div>
            <p className={styles.details}>
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
            </p>
            {visiblePayload(entry).length > 0 ? (
              <p className={styles.payload}>
                {visiblePayload(entry)
                  .slice(0, 8)
                  .map(([key, value]) => `${key}: ${value === null ? '—' : String(value)}`)
                  .join(' · ')}
              </p>
            ) : null}
          </li>
        ))}
      </ol>
    </Stack>
  );
}
