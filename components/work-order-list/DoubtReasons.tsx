'use client';

import { useTranslations } from 'next-intl';
import type { DoubtReason } from '@/lib/shared/doubt';

/** One reason in words (`workOrders.doubt.reasons.<code>`), from its code and figures. */
export function useDoubtReasonText() {
  const t = useTranslations('workOrders.doubt.reasons');
  return (reason: DoubtReason): string => {
    switch (reason.code) {
      case 'overturnRisk':
        return t('overturnRisk', { task: reason.taskName, percent: reason.percent });
      case 'engineer':
        return t('engineer', { percent: reason.percent });
      default:
        return t(reason.code, { count: reason.count });
    }
  };
}

/**
 * The list's doubt cell: the score, then why the row ranks where it does (its heaviest
 * reasons, in words) on the same line; the whole text again as the cell's title when it is
 * cut. Plain elements styled by the table's classes, like every other cell.
 */
export function DoubtReasons({ score, reasons }: { score: number; reasons: DoubtReason[] }) {
  const t = useTranslations('workOrders.doubt');
  const text = useDoubtReasonText();
  const why = reasons.length > 0 ? reasons.map(text).join(' · ') : t('none');
  return (
    <span data-testid="doubt-reasons" className="wo-doubt" title={why}>
      <strong>{score}</strong>
      <span>{why}</span>
    </span>
  );
}
