'use client';

import PriorityHighIcon from '@mui/icons-material/PriorityHigh';
import Button from '@mui/material/Button';
import Tooltip from '@mui/material/Tooltip';
import { useTranslations } from 'next-intl';
import { DOUBT_SORT } from '@/lib/shared/doubt';
import type { WorkOrderQuery } from '@/lib/shared/work-order-filters';

/** "Most doubtful first": the list sorted by doubt score, highest first, with the doubt column shown. */
export function DoubtSortButton({ query, update }: { query: WorkOrderQuery; update(change: Partial<WorkOrderQuery>): void }) {
  const t = useTranslations('workOrders.doubt');
  const active = query.sort.field === DOUBT_SORT && query.sort.direction === 'desc';
  return (
    <Tooltip title={t('sortHint')} describeChild>
      <Button
        variant={active ? 'contained' : 'outlined'}
        aria-pressed={active}
        startIcon={<PriorityHighIcon />}
        onClick={() =>
          update({
            sort: { field: DOUBT_SORT, direction: 'desc' },
            columns: query.columns.includes(DOUBT_SORT) ? query.columns : [...query.columns, DOUBT_SORT],
          })
        }
      >
        {t('sortButton')}
      </Button>
    </Tooltip>
  );
}
