'use client';

import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import NextLink from 'next/link';
import { useTranslations } from 'next-intl';
import { share, workOrderListHref, type OverviewKpis } from '@/lib/shared/overview';
import type { WorkOrderQuery } from '@/lib/shared/work-order-filters';
import { useOverviewFormat } from './format';

interface Card {
  id: keyof OverviewKpis;
  value: string;
  detail?: string;
  href?: string;
}

/** The KPI cards; a card that is a set of work orders links to it. */
export function KpiCards({ kpis, query, today }: { kpis: OverviewKpis; query: WorkOrderQuery; today: string }) {
  const t = useTranslations('overview.kpi');
  const f = useOverviewFormat();
  const shareOf = (part: number) => t('shareOf', { share: f.share(share(part, kpis.workOrders)) });
  const cards: Card[] = [
    { id: 'workOrders', value: f.count(kpis.workOrders), href: workOrderListHref(query) },
    { id: 'averageScore', value: f.score(kpis.averageScore) },
    { id: 'medianScore', value: f.score(kpis.medianScore) },
    {
      id: 'complete',
      value: f.count(kpis.complete),
      detail: shareOf(kpis.complete),
      href: workOrderListHref(query, { progressMin: 100, progressMax: 100 }),
    },
    {
      id: 'notStarted',
      value: f.count(kpis.notStarted),
      detail: shareOf(kpis.notStarted),
      href: workOrderListHref(query, { progressMin: 0, progressMax: 0 }),
    },
    {
      id: 'toReview',
      value: f.count(kpis.toReview),
      href: workOrderListHref(query.review === 'reviewed' ? query : { ...query, review: 'to_review' }),
    },
    {
      id: 'reviewedToday',
      value: f.count(kpis.reviewedToday),
      href: workOrderListHref(query, { review: 'reviewed', reviewedFrom: today, reviewedTo: today }),
    },
    { id: 'correctionsToday', value: f.count(kpis.correctionsToday) },
  ];
  return (
    <Box
      component="ul"
      aria-label={t('workOrders')}
      sx={{
        listStyle: 'none',
        p: 0,
        m: 0,
        display: 'grid',
        gap: 1.5,
        gridTemplateColumns: { xs: 'repeat(2, minmax(0, 1fr))', sm: 'repeat(4, minmax(0, 1fr))' },
      }}
    >
      {cards.map((card) => (
        <Paper component="li" variant="outlined" key={card.id} sx={{ p: 1.5 }} data-testid={`kpi-${card.id}`}>
          <Typography variant="body2" color="textSecondary">
            {t(card.id)}
          </Typography>
          <Typography variant="h5" component="p" sx={{ fontWeight: 600 }} data-testid="kpi-value">
            {card.href ? (
              <Link component={NextLink} href={card.href} underline="hover" color="inherit">
                {card.value}
              </Link>
            ) : (
              card.value
            )}
          </Typography>
          {card.detail && (
            <Typography variant="caption" color="textSecondary">
              {card.detail}
            </Typography>
          )}
        </Paper>
      ))}
    </Box>
  );
}
