'use client';

import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';
import { useTranslations } from 'next-intl';

const SHORTCUTS = [
  ['J', 'next'],
  ['K', 'previous'],
  ['Enter', 'open'],
  ['Y', 'yes'],
  ['N', 'no'],
  ['R', 'review'],
  ['?', 'help'],
  ['Esc', 'close'],
] as const;

export function ShortcutsDialog({ onClose }: { onClose(): void }) {
  const t = useTranslations('workOrder.shortcuts');
  return (
    <Dialog open onClose={onClose} aria-labelledby="shortcuts-title">
      <DialogTitle id="shortcuts-title">{t('title')}</DialogTitle>
      <DialogContent dividers>
        <Table size="small">
          <TableBody>
            {SHORTCUTS.map(([key, action]) => (
              <TableRow key={key}>
                <TableCell component="th" scope="row">
                  <kbd>{key}</kbd>
                </TableCell>
                <TableCell>{t(action)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} autoFocus>
          {t('dismiss')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
