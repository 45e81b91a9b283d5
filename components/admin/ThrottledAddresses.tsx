'use client';

import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useFormatter, useTranslations } from 'next-intl';
import { useId } from 'react';
import { visuallyHidden } from '@/components/layout/visually-hidden';
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
      <Typography variant="body2" color="text.secondary">
        {t('throttle.addressesIntro')}
      </Typography>
      <TableContainer component={Paper} variant="outlined">
        <Table size="small" aria-labelledby={titleId}>
          <TableHead>
            <TableRow>
              <TableCell>{t('throttle.address')}</TableCell>
              <TableCell align="right">{t('throttle.addressFailures')}</TableCell>
              <TableCell>{t('throttle.addressUntil')}</TableCell>
              <TableCell align="right">
                <Box component="span" sx={visuallyHidden}>
                  {t('table.actions')}
                </Box>
              </TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
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
          </TableBody>
        </Table>
      </TableContainer>
    </Stack>
  );
}
