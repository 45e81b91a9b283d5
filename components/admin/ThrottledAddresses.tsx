'use client';

import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useFormatter, useTranslations } from 'next-intl';
import { useId } from 'react';
import { DataTable } from '@/components/layout/DataTable';
import type { SignInThrottleOverview } from '@/lib/shared/sign-in-throttle';

/** Client addresses at their own limit of failed sign-ins; shown only when there are some. */
export function ThrottledAddresses({
  addresses,
  pending,
  onClear,
}: {
  addresses: SignInThrottleOverview['addresses'];
  pending: string | null;
  onClear: (ip: string) => void;
}) {
  const t = useTranslations('admin');
  const format = useFormatter();
  const titleId = useId();
  if (addresses.length === 0) return null;
  return (
    <Stack component="section" aria-labelledby={titleId} spacing={1}>
      <Typography id={titleId} component="h2" variant="h6">
        {t('throttle.addressesTitle')}
      </Typography>
      <Typography variant="body2" color="textSecondary">
        {t('throttle.addressesIntro')}
      </Typography>
      <DataTable
        aria-labelledby={titleId}
        columns={[
          { key: 'address', label: t('throttle.address') },
          { key: 'failures', label: t('throttle.addressFailures'), align: 'right' },
          { key: 'until', label: t('throttle.addressUntil') },
          { key: 'actions', label: t('table.actions'), align: 'right', labelHidden: true },
        ]}
        isEmpty={addresses.length === 0}
      >
        {addresses.map((address) => (
          <TableRow key={address.ip}>
            <TableCell component="th" scope="row" sx={{ fontFamily: 'monospace', overflowWrap: 'anywhere' }}>
              {address.ip}
            </TableCell>
            <TableCell align="right">{format.number(address.failures)}</TableCell>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>{format.dateTime(new Date(address.throttledUntil), { timeStyle: 'short' })}</TableCell>
            <TableCell align="right">
              <Button
                size="small"
                disabled={pending === address.ip}
                onClick={() => onClear(address.ip)}
                aria-label={t('throttle.clearAddressLabel', { ip: address.ip })}
              >
                {t('throttle.clearAddress')}
              </Button>
            </TableCell>
          </TableRow>
        ))}
      </DataTable>
    </Stack>
  );
}
