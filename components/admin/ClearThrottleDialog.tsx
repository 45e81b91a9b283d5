'use client';

import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import { useTranslations } from 'next-intl';
import type { AdminUser } from '@/lib/shared/admin-users';

/** Asks before forgetting a user's failed sign-ins: it gives guessers their tries back too. */
export function ClearThrottleDialog({
  user,
  onCancel,
  onConfirm,
}: {
  user: AdminUser | null;
  onCancel: () => void;
  onConfirm: (user: AdminUser) => void;
}) {
  const t = useTranslations('admin');
  return (
    <Dialog open={user !== null} onClose={onCancel} aria-labelledby="clear-throttle-title" aria-describedby="clear-throttle-description">
      <DialogTitle id="clear-throttle-title">{user ? t('throttle.confirmTitle', { email: user.email }) : null}</DialogTitle>
      <DialogContent>
        <DialogContentText id="clear-throttle-description">{t('throttle.confirmDescription')}</DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel}>{t('confirm.cancel')}</Button>
        <Button variant="contained" onClick={() => user && onConfirm(user)}>
          {t('throttle.confirm')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
