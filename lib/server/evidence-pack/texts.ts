import { createTranslator } from 'use-intl/core';
import { UPSTREAM_TIMELINE_TYPES } from '@/lib/shared/work-order-dto';
import { auditActionKey, isKnownAuditAction } from '@/lib/shared/audit-log';
import type { Locale } from '@/lib/shared/locales';
import type { TaskValue } from '@/lib/shared/progress-score';
import { loadNamespace } from '@/messages';

/**
 * What a pack needs to speak the user's language: its own namespace, plus the timeline's event
 * names and the audit log's action names (the same labels the page shows), and dates in the
 * user's locale and the app's display time zone.
 */
export interface PackTexts {
  locale: Locale;
  timeZone: string;
  /** A message of the `evidencePack` namespace. */
  t(key: string, values?: Record<string, string | number>): string;
  date(iso: string | null | undefined): string;
  value(value: TaskValue | null | undefined): string;
  /** An upstream event type or one of our audit actions, as the timeline names it. */
  eventType(type: string): string;
}

type Translate = (key: string, values?: Record<string, string | number>) => string;

const UPSTREAM_TYPES = new Set<string>(UPSTREAM_TIMELINE_TYPES);

export async function packTexts(locale: Locale, timeZone: string): Promise<PackTexts> {
  const [evidencePack, workOrder, audit] = await Promise.all([
    loadNamespace(locale, 'evidencePack'),
    loadNamespace(locale, 'workOrder'),
    loadNamespace(locale, 'audit'),
  ]);
  const messages = { evidencePack, workOrder, audit };
  const translate = createTranslator({ locale, messages, timeZone }) as unknown as Translate;
  const t: Translate = (key, values) => translate(`evidencePack.${key}`, values);
  const format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone });
  return {
    locale,
    timeZone,
    t,
    date(iso) {
      if (!iso) return t('none');
      const date = new Date(iso);
      return Number.isNaN(date.getTime()) ? t('none') : format.format(date);
    },
    value(value) {
      if (value === null || value === undefined) return t('value.none');
      if (typeof value === 'boolean') return t(value ? 'value.true' : 'value.false');
      return typeof value === 'number' ? new Intl.NumberFormat(locale).format(value) : value;
    },
    eventType(type) {
      if (UPSTREAM_TYPES.has(type)) return translate(`workOrder.timeline.types.${type}`);
      if (isKnownAuditAction(type)) return translate(`audit.actions.${auditActionKey(type)}`);
      return type.replace(/[._]/g, ' ');
    },
  };
}
