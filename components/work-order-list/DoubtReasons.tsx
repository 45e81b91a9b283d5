'use client';

import Box from '@mui/material/Box';
import Tooltip from '@mui/material/Tooltip';
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
 * reasons, in words) on the same line; the whole text again in a tooltip when it is cut.
 */
export function DoubtReasons({ score, reasons }: { score: number; reasons: DoubtReason[] }) {
  const t = useTranslations('workOrders.doubt');
  const text = useDoubtReasonText();
  const why = reasons.length > 0 ? reasons.map(text).join(' · ') : t('none');
  return (
    <Tooltip title={why} describeChild>
      <Box
        data-testid="doubt-reasons"
        sx={{ display: 'flex', gap: 1, alignItems: 'center', height: '100%', overflow: 'hidden', whiteSpace: 'nowrap' }}
      >
        <Box component="strong" sx={{ minWidth: '2.5ch', textAlign: 'right', fontVariantNumeric: 'tabular-nums' }}>
          {score}
        </Box>
        <Box component="span" sx={{ color: 'text.secondary', overflow: 'hidden', textOverflow: 'ellipsis' }}>
          {why}
        </Box>
      </Box>
    </Tooltip>
  );
}
