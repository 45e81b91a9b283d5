'use client';

import { useFormatter, useTranslations } from 'next-intl';

/** Localised numbers for the overview: counts, scores (one decimal), shares (percent), "—" for none. */
export function useOverviewFormat() {
  const format = useFormatter();
  const t = useTranslations('overview');
  return {
    count: (value: number) => format.number(value),
    score: (value: number | null) => (value === null ? t('none') : format.number(value, { maximumFractionDigits: 1 })),
    share: (value: number | null) => (value === null ? t('none') : format.number(value, { style: 'percent', maximumFractionDigits: 1 })),
    day: (day: string) => format.dateTime(new Date(`${day}T00:00:00Z`), { day: 'numeric', month: 'short', timeZone: 'UTC' }),
    longDay: (day: string) => format.dateTime(new Date(`${day}T00:00:00Z`), { dateStyle: 'medium', timeZone: 'UTC' }),
    dateTime: (iso: string) => format.dateTime(new Date(iso), { dateStyle: 'medium', timeStyle: 'short' }),
    relative: (iso: string, now: Date) => format.relativeTime(new Date(iso), now),
  };
}
