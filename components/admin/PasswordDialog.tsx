'use client';

import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import type { AdminUser } from '@/lib/shared/admin-users';
import { ApiError, updateUser } from '@/lib/client/api';
import { useFieldErrorTexts } from '@/lib/client/field-errors';
import { NewPasswordField } from './NewPasswordField';

/** Sets a new password for a user (which signs them out everywhere). */
export function PasswordDialog({ user, onClose, onDone }: { user: AdminUser | null; onClose: () => void; onDone: (user: AdminUser) => void }) {
  const t = useTranslations('admin');
  const common = useTranslations('common');
  const fieldErrors = useFieldErrorTexts('admin.errors');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!user || saving) return;
    setSaving(true);
    setError(null);
    try {
      const result = await updateUser(user.id, { password });
      setPassword('');
      onDone(result.user);
    } catch (caught) {
      setError(caught);
    } finally {
      setSaving(false);
    }
  }

  const problem = error instanceof ApiError ? (fieldErrors(error).password ?? error.body?.message) : undefined;

  return (
    <Dialog open={user !== null} onClose={saving ? undefined : onClose} fullWidth maxWidth="xs" aria-labelledby="password-dialog-title">
      <form onSubmit={submit} noValidate>
        <DialogTitle id="password-dialog-title">{t('password.title')}</DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 2 }}>{user ? t('password.description', { email: user.email }) : null}</DialogContentText>
          <NewPasswordField label={t('password.label')} value={password} onChange={setPassword} problem={problem} fullWidth autoFocus />
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose} disabled={saving}>
            {common('actions.cancel')}
          </Button>
          <Button type="submit" variant="contained" disabled={saving}>
            {t('password.submit')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
