'use client';

import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { WorkOrderDto } from '@/lib/shared/work-order-dto';
import { deleteWorkOrder } from '@/lib/client/api';
import { useDialogSubmit } from './use-dialog-submit';

/** Admin only. Deleting is final upstream, so the name must be typed to confirm. */
export function DeleteWorkOrderDialog({ workOrder, returnPath, onClose }: { workOrder: WorkOrderDto; returnPath: string; onClose(): void }) {
  const t = useTranslations('workOrder.delete');
  const router = useRouter();
  const [typed, setTyped] = useState('');
  const { sending, error, run } = useDialogSubmit();

  const remove = async () => {
    if (typed !== workOrder.name || sending) return;
    await run(async () => {
      await deleteWorkOrder(workOrder.id);
      router.push(returnPath);
    });
  };

  return (
    <Dialog open onClose={sending ? undefined : onClose} fullWidth maxWidth="xs" aria-labelledby="delete-title">
      <DialogTitle id="delete-title">{t('title')}</DialogTitle>
      <DialogContent dividers>
        <Typography gutterBottom>{t('warning', { name: workOrder.name })}</Typography>
        <TextField
          label={t('typeName')}
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
          fullWidth
          autoFocus
          slotProps={{ htmlInput: { spellCheck: false, autoComplete: 'off' } }}
        />
        {error ? (
          <Alert severity="error" role="alert" sx={{ mt: 2 }}>
            {error.body?.message ?? t('failed')}
          </Alert>
        ) : null}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={sending}>
          {t('cancel')}
        </Button>
        <Button color="error" variant="contained" disabled={typed !== workOrder.name || sending} onClick={() => void remove()}>
          {sending ? t('deleting') : t('confirm')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
