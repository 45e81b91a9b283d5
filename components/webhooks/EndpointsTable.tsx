'use client';

import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useTranslations } from 'next-intl';
import { visuallyHidden } from '@/components/layout/visually-hidden';
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
    <TableContainer component={Paper} variant="outlined">
      <Table aria-label={t('endpoints.label')} size="small">
        <TableHead>
          <TableRow>
            <TableCell>{t('endpoints.url')}</TableCell>
            <TableCell>{t('endpoints.events')}</TableCell>
            <TableCell>{t('endpoints.status')}</TableCell>
            <TableCell align="right">
              <Box component="span" sx={visuallyHidden}>
                {t('endpoints.actions')}
              </Box>
            </TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {endpoints.length === 0 ? (
            <TableRow>
              <TableCell colSpan={4}>{t('endpoints.empty')}</TableCell>
            </TableRow>
          ) : (
            endpoints.map((endpoint) => (
              <TableRow key={endpoint.id} hover>
                <TableCell component="th" scope="row" sx={{ maxWidth: 360 }}>
                  <Typography variant="body2" sx={{ fontWeight: 500, overflowWrap: 'anywhere' }}>
                    {endpoint.url}
                  </Typography>
                  {endpoint.description && (
                    <Typography variant="body2" color="text.secondary" sx={{ overflowWrap: 'anywhere' }}>
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
                  <Button
                    size="small"
                    color="error"
                    onClick={() => onDelete(endpoint)}
                    aria-label={t('endpoints.deleteLabel', { url: endpoint.url })}
                  >
                    {t('endpoints.delete')}
                  </Button>
                </TableCell>
              </TableRow>
            ))
          )}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
