'use client';

import Alert from '@mui/material/Alert';
import Link from '@mui/material/Link';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useFormatter, useTranslations } from 'next-intl';
import { IntentPrefetchLink } from '@/components/layout/IntentPrefetchLink';
import type { SpotCheckQueueDto } from '@/lib/shared/spot-checks';

/** The drawn work orders nobody checked yet, each a link to its blind check. */
export function SpotCheckQueue({ queue }: { queue: SpotCheckQueueDto }) {
  const t = useTranslations('spotChecks');
  const format = useFormatter();
  if (queue.ratePercent <= 0) return <Alert severity="info">{t('off')}</Alert>;
  return (
    <>
      <Typography role="status" sx={{ mb: 2 }}>
        {t('waiting', { count: queue.total })} · {t('rate', { rate: format.number(queue.ratePercent) })}
        {queue.total > queue.items.length ? ` · ${t('shownFirst', { limit: queue.limit })}` : ''}
      </Typography>
      {queue.items.length === 0 ? (
        <Alert severity="success">{t('empty')}</Alert>
      ) : (
        <Table size="small" aria-label={t('table.label')} sx={{ maxWidth: 900 }}>
          <TableHead>
            <TableRow>
              <TableCell>{t('table.name')}</TableCell>
              <TableCell>{t('table.created')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {queue.items.map((item) => (
              <TableRow key={item.id} data-testid="spot-check-item">
                <TableCell>
                  <Link
                    component={IntentPrefetchLink}
                    href={`/spot-checks/${encodeURIComponent(item.id)}`}
                    aria-label={t('table.check', { name: item.name })}
                  >
                    {item.name}
                  </Link>
                </TableCell>
                <TableCell>{format.dateTime(new Date(item.createDate), { dateStyle: 'medium' })}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </>
  );
}
