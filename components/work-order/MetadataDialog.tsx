'use client';

import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Typography from '@mui/material/Typography';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import type { WorkOrderDto } from '@/lib/shared/work-order-dto';
import { saveMetadata } from '@/lib/client/api';
import { RequestErrorAlert } from './RequestErrorAlert';
import { useDialogSubmit } from './use-dialog-submit';
import { metadataToRows, rowsToMetadata, validateMetadataRows } from './work-order-form';
import { MetadataEditor } from './WorkOrderFields';

/** Edit metadata: merge (PATCH, keys not listed are kept) or replace (PUT, keys not listed are removed). */
export function MetadataDialog({
  workOrder,
  onClose,
  onSaved,
}: {
  workOrder: WorkOrderDto;
  onClose(): void;
  onSaved(workOrder: WorkOrderDto): void;
}) {
  const t = useTranslations('workOrder.form');
  const [rows, setRows] = useState(() => metadataToRows(workOrder.metadata));
  const [mode, setMode] = useState<'merge' | 'replace'>('merge');
  const [rowErrors, setRowErrors] = useState<Record<number, string>>({});
  const { sending, error: serverError, run } = useDialogSubmit();
  const removedKeys = Object.keys(workOrder.metadata).filter((key) => !rows.some((row) => row.key.trim() === key));

  const submit = async () => {
    const errors = validateMetadataRows(rows);
    setRowErrors(errors);
    if (Object.keys(errors).length > 0 || sending) return;
    await run(async () => {
      onSaved(await saveMetadata(workOrder.id, rowsToMetadata(rows), mode));
    });
  };

  return (
    <Dialog open onClose={sending ? undefined : onClose} fullWidth maxWidth="md" aria-labelledby="metadata-title">
      <DialogTitle id="metadata-title">{t('metadataTitle')}</DialogTitle>
      <DialogContent dividers>
        <MetadataEditor rows={rows} onChange={setRows} errors={rowErrors} keySuggestions={Object.keys(workOrder.metadata)} />
        <RadioGroup
          value={mode}
          onChange={(event) => setMode(event.target.value as 'merge' | 'replace')}
          aria-label={t('metadataMode')}
          sx={{ mt: 2 }}
        >
          <FormControlLabel value="merge" control={<Radio />} label={t('metadataMerge')} />
          <FormControlLabel value="replace" control={<Radio />} label={t('metadataReplace')} />
        </RadioGroup>
        {mode === 'merge' && removedKeys.length > 0 ? (
          <Typography variant="body2" color="textSecondary">
            {t('metadataMergeKeeps', { keys: removedKeys.join(', ') })}
          </Typography>
        ) : null}
        {mode === 'replace' && removedKeys.length > 0 ? (
          <Alert severity="warning">{t('metadataReplaceRemoves', { keys: removedKeys.join(', ') })}</Alert>
        ) : null}
        {serverError ? <RequestErrorAlert error={serverError} sx={{ mt: 2 }} /> : null}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={sending}>
          {t('cancel')}
        </Button>
        <Button variant="contained" onClick={() => void submit()} disabled={sending}>
          {sending ? t('saving') : t('save')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
