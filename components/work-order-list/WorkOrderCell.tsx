import type { useFormatter, useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import type { Column } from '@/lib/shared/work-order-filters';
import { progressBand, type WorkOrderListItem } from '@/lib/shared/work-order-list';
import { DoubtReasons } from './DoubtReasons';
import { COUNT_COLUMNS, DATE_COLUMNS, LIST_COLUMNS } from './work-order-columns';

export interface CellText {
  t: ReturnType<typeof useTranslations<'workOrders'>>;
  format: ReturnType<typeof useFormatter>;
}

/**
 * What one cell of the list shows (every column but the name, which is the row's link). Plain
 * elements only, styled by the table's classes: a page of 50 rows hydrates without a
 * component per cell.
 */
export function cellContent(row: WorkOrderListItem, column: Exclude<Column, 'name'>, { t, format }: CellText): ReactNode {
  if (column === 'progressScore') {
    const score = row.progressScore;
    return (
      <span className="wo-progress" data-band={progressBand(score)}>
        <span
          role="progressbar"
          aria-valuenow={score}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-label={t('progressLabel', { score })}
          className="wo-bar"
        >
          <span style={{ width: `${Math.max(score, 2)}%` }} />
        </span>
        <span className="wo-figure">{score}</span>
      </span>
    );
  }
  if (column === 'doubtScore') return <DoubtReasons score={row.doubtScore} reasons={row.doubtReasons} />;
  if (column === 'reviewStatus') {
    return (
      <span className="wo-chip" data-filled={row.reviewStatus === 'reviewed' || undefined}>
        {t(`reviewStatus.${row.reviewStatus}`)}
      </span>
    );
  }
  if (DATE_COLUMNS.has(column)) {
    const value = row[column as 'createDate'];
    return value ? (
      <time dateTime={value} title={value}>
        {format.dateTime(new Date(value), { dateStyle: 'medium', timeStyle: 'short' })}
      </time>
    ) : (
      t('unknown')
    );
  }
  if (COUNT_COLUMNS.has(column)) {
    const value = row[column as 'tasksCorrected'];
    return value === null ? t('unknown') : String(value);
  }
  if (LIST_COLUMNS.has(column)) {
    return row[column as 'tags'].map((value) => (
      <span key={value} className="wo-chip">
        {value}
      </span>
    ));
  }
  if (column === 'metadata') {
    return Object.entries(row.metadata)
      .map(([key, value]) => `${key}: ${value}`)
      .join(' · ');
  }
  return row[column as 'siteId'] ?? t('unknown');
}
