'use client';

import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useFormatter, useTranslations } from 'next-intl';
import { DataTable } from '@/components/layout/DataTable';
import { WEBHOOK_DELIVERY_STATUSES, webhookEventKey, type WebhookDeliveryDto, type WebhookDeliveryStatus } from '@/lib/shared/webhooks';

const STATUS_COLOR: Record<WebhookDeliveryStatus, 'default' | 'success' | 'warning' | 'error'> = {
  pending: 'default',
  delivered: 'success',
  failed: 'warning',
  dead: 'error',
};

/** The newest deliveries, filtered by status, each with its attempts, last answer and "Replay". */
export function DeliveriesTable({
  deliveries,
  status,
  onStatus,
  onReplay,
  replaying,
}: {
  deliveries: WebhookDeliveryDto[];
  status: WebhookDeliveryStatus | null;
  onStatus: (status: WebhookDeliveryStatus | null) => void;
  onReplay: (delivery: WebhookDeliveryDto) => void;
  replaying: string | null;
}) {
  const t = useTranslations('webhooks');
  const format = useFormatter();
  const time = (iso: string | null) => (iso ? format.dateTime(new Date(iso), { dateStyle: 'short', timeStyle: 'medium' }) : t('deliveries.none'));
  return (
    <Stack spacing={1.5} component="section" aria-labelledby="webhook-deliveries-title">
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', justifyContent: 'space-between', flexWrap: 'wrap' }}>
        <Typography variant="h6" component="h2" id="webhook-deliveries-title">
          {t('deliveries.title')}
        </Typography>
        <TextField
          select
          size="small"
          label={t('deliveries.filter')}
          value={status ?? 'all'}
          onChange={(event) => onStatus(event.target.value === 'all' ? null : (event.target.value as WebhookDeliveryStatus))}
          sx={{ minWidth: 200 }}
        >
          <MenuItem value="all">{t('deliveries.all')}</MenuItem>
          {WEBHOOK_DELIVERY_STATUSES.map((value) => (
            <MenuItem key={value} value={value}>
              {t(`statuses.${value}`)}
            </MenuItem>
          ))}
        </TextField>
      </Stack>
      <Typography variant="body2" color="textSecondary">
        {t('deliveries.shownHint')}
      </Typography>
      <DataTable
        aria-label={t('deliveries.label')}
        columns={[
          { key: 'time', label: t('deliveries.time') },
          { key: 'event', label: t('deliveries.event') },
          { key: 'endpoint', label: t('deliveries.endpoint') },
          { key: 'status', label: t('deliveries.status') },
          { key: 'attempts', label: t('deliveries.attempts'), align: 'right' },
          { key: 'lastCode', label: t('deliveries.lastCode') },
          { key: 'next', label: t('deliveries.next') },
          { key: 'actions', label: t('endpoints.actions'), align: 'right', labelHidden: true },
        ]}
        isEmpty={deliveries.length === 0}
        empty={t('deliveries.empty')}
      >
        {deliveries.map((delivery) => {
          const event = t(`events.${webhookEventKey(delivery.eventType)}`);
          return (
            <TableRow key={delivery.id} hover data-delivery-id={delivery.id}>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>{time(delivery.createdAt)}</TableCell>
              <TableCell>{event}</TableCell>
              <TableCell sx={{ overflowWrap: 'anywhere', maxWidth: 280 }}>{delivery.endpointUrl}</TableCell>
              <TableCell>
                <Chip size="small" variant="outlined" color={STATUS_COLOR[delivery.status]} label={t(`statuses.${delivery.status}`)} />
              </TableCell>
              <TableCell align="right">{delivery.attempts}</TableCell>
              <TableCell>{delivery.lastStatusCode ?? delivery.lastError ?? t('deliveries.none')}</TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>{time(delivery.nextAttemptAt)}</TableCell>
              <TableCell align="right">
                <Button
                  size="small"
                  disabled={replaying === delivery.id}
                  onClick={() => onReplay(delivery)}
                  aria-label={t('deliveries.replayLabel', { event, time: time(delivery.createdAt) })}
                >
                  {t('deliveries.replay')}
                </Button>
              </TableCell>
            </TableRow>
          );
        })}
      </DataTable>
    </Stack>
  );
}
