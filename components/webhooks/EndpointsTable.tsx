'use client';

import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { DataTable } from '@/components/layout/DataTable';
import { useTranslations } from 'next-intl';
import { webhookEventKey, type WebhookEndpointDto } from '@/lib/shared/webhooks';

/** The registered endpoints: URL and description, events, enabled, and their actions. */
export function EndpointsTable({
  endpoints,
  onEdit,
  onRotate,
  onDelete,
}: {
  endpoints: WebhookEndpointDto[];
  onEdit: (endpoint: WebhookEndpointDto) => void;
  onRotate: (endpoint: WebhookEndpointDto) => void;
  onDelete: (endpoint: WebhookEndpointDto) => void;
}) {
  const t = useTranslations('webhooks');
  return (
    <DataTable
      aria-label={t('endpoints.label')}
      columns={[
        { key: 'url', label: t('endpoints.url') },
        { key: 'events', label: t('endpoints.events') },
        { key: 'status', label: t('endpoints.status') },
        { key: 'actions', label: t('endpoints.actions'), align: 'right', labelHidden: true },
      ]}
      isEmpty={endpoints.length === 0}
      empty={t('endpoints.empty')}
    >
      {endpoints.map((endpoint) => (
        <TableRow key={endpoint.id} hover>
          <TableCell component="th" scope="row" sx={{ maxWidth: 360 }}>
            <Typography variant="body2" sx={{ fontWeight: 500, overflowWrap: 'anywhere' }}>
              {endpoint.url}
            </Typography>
            {endpoint.description && (
              <Typography variant="body2" color="textSecondary" sx={{ overflowWrap: 'anywhere' }}>
                {endpoint.description}
              </Typography>
            )}
          </TableCell>
          <TableCell>
            <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 0.5 }}>
              {endpoint.events.map((event) => (
                <Chip
                  key={event}
                  size="small"
                  label={
                    event === 'work_order.stuck' && endpoint.stuckDays
                      ? `${t(`events.${webhookEventKey(event)}`)} (${t('endpoints.stuckDays', { days: endpoint.stuckDays })})`
                      : t(`events.${webhookEventKey(event)}`)
                  }
                />
              ))}
            </Stack>
          </TableCell>
          <TableCell>
            <Chip
              size="small"
              variant="outlined"
              color={endpoint.enabled ? 'success' : 'default'}
              label={endpoint.enabled ? t('endpoints.enabled') : t('endpoints.disabled')}
            />
          </TableCell>
          <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
            <Button size="small" onClick={() => onEdit(endpoint)} aria-label={t('endpoints.editLabel', { url: endpoint.url })}>
              {t('endpoints.edit')}
            </Button>
            <Button size="small" onClick={() => onRotate(endpoint)} aria-label={t('endpoints.rotateLabel', { url: endpoint.url })}>
              {t('endpoints.rotate')}
            </Button>
            <Button size="small" color="error" onClick={() => onDelete(endpoint)} aria-label={t('endpoints.deleteLabel', { url: endpoint.url })}>
              {t('endpoints.delete')}
            </Button>
          </TableCell>
        </TableRow>
      ))}
    </DataTable>
  );
}
