import type { AuditEntryDto } from '@/lib/shared/audit-log';

/** How an outcome chip is coloured: green done, red refused or failed, amber to look at. */
export function outcomeColor(outcome: AuditEntryDto['outcome']): 'success' | 'error' | 'warning' | 'default' {
  switch (outcome) {
    case 'applied':
    case 'succeeded':
      return 'success';
    case 'denied':
    case 'rejected':
    case 'failed':
      return 'error';
    case 'conflict':
    case 'unknown':
      return 'warning';
    default:
      return 'default';
  }
}

const MAX_VALUE = 60;

/** A value in one short line: text as is, anything else as compact JSON, cut at 60 characters. */
export function shortValue(value: unknown): string {
  if (value === null || value === undefined) return '—';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * "Before → after" in one line. When `after` is an object, each of its fields with the value
 * `before` had for it (`role: viewer → supervisor`); otherwise the two values. Null when the row
 * records no change.
 */
export function changeSummary(before: unknown, after: unknown): string | null {
  if ((before === null || before === undefined) && (after === null || after === undefined)) return null;
  if (isRecord(after) && Object.keys(after).length > 0) {
    const previous = isRecord(before) ? before : {};
    return Object.entries(after)
      .map(([key, value]) =>
        Object.hasOwn(previous, key) ? `${key}: ${shortValue(previous[key])} → ${shortValue(value)}` : `${key}: ${shortValue(value)}`,
      )
      .join('; ');
  }
  return `${shortValue(before)} → ${shortValue(after)}`;
}

/** The task as people name it: its group and its name. */
export function taskLabel(entry: Pick<AuditEntryDto, 'taskGroupName' | 'taskName'>): string | null {
  if (!entry.taskName && !entry.taskGroupName) return null;
  return [entry.taskGroupName, entry.taskName].filter(Boolean).join(' / ');
}

/** Any JSON value as indented text, shown as text (never as HTML). */
export function jsonText(value: unknown): string {
  return JSON.stringify(value ?? null, null, 2);
}
