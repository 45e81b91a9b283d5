'use client';

import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import { useTranslations } from 'next-intl';
import { useState } from 'react';

/** The signing secret, shown once after a creation or a rotation (the server never answers it again). */
export function SecretDialog({ secret, onClose }: { secret: string | null; onClose: () => void }) {
  const t = useTranslations('webhooks');
  const [copied, setCopied] = useState(false);
  async function copy() {
    if (!secret) return;
    await navigator.clipboard?.writeText(secret).catch(() => undefined);
    setCopied(true);
  }
  return (
    <Dialog
      open={secret !== null}
      onClose={onClose}
      aria-labelledby="webhook-secret-title"
      aria-describedby="webhook-secret-description"
      fullWidth
      maxWidth="sm"
    >
      <DialogTitle id="webhook-secret-title">{t('secret.title')}</DialogTitle>
      <DialogContent>
        <DialogContentText id="webhook-secret-description" sx={{ mb: 2 }}>
          {t('secret.description')}
        </DialogContentText>
        <TextField
          label={t('secret.label')}
          value={secret ?? ''}
          fullWidth
          slotProps={{ htmlInput: { readOnly: true, spellCheck: false, style: { fontFamily: 'monospace' } } }}
          onFocus={(event) => event.target.select()}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={() => void copy()}>{copied ? t('secret.copied') : t('secret.copy')}</Button>
        <Button
          variant="contained"
          onClick={() => {
            setCopied(false);
            onClose();
          }}
        >
          {t('secret.done')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
