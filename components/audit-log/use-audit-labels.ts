'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { auditActionKey, isKnownAuditAction } from '@/lib/shared/audit-log';
import type { AuditOutcomeFilter } from '@/lib/shared/audit-query';

/** Action and outcome codes in words, and times with seconds, in the reader's language and the display time zone. */
export function useAuditLabels() {
  const t = useTranslations('audit');
  const format = useFormatter();
  return {
    /** A code the app no longer writes (or not yet) is shown as its code rather than hidden. */
    action: (code: string) => (isKnownAuditAction(code) ? t(`actions.${auditActionKey(code)}`) : code),
    outcome: (code: AuditOutcomeFilter) => t(`outcomes.${code}`),
    time: (iso: string) => format.dateTime(new Date(iso), { dateStyle: 'medium', timeStyle: 'medium' }),
    /** The same time in two parts, the day and the hour, for a column that shows them on two lines. */
    day: (iso: string) => format.dateTime(new Date(iso), { dateStyle: 'medium' }),
    hour: (iso: string) => format.dateTime(new Date(iso), { timeStyle: 'medium' }),
  };
}
