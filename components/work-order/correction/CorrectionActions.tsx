'use client';

import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import DialogActions from '@mui/material/DialogActions';
import { useTranslations } from 'next-intl';
import { hasUnsavedIntent } from './correction-machine';
import type { CorrectionController } from './use-correction';

/** The buttons of each step: Done; keep theirs or overwrite; back or send; discard, keep the draft, review or retry. */
export function CorrectionActions({ correction, onClose }: { correction: CorrectionController; onClose(): void }) {
  const t = useTranslations('correction');
  const { state, offeredDraft, nextAction, actions } = correction;

  if (state.status === 'saved') {
    return (
      <DialogActions>
        <Button variant="contained" onClick={onClose} ref={nextAction}>
          {t('actions.done')}
        </Button>
      </DialogActions>
    );
  }

  if (state.status === 'conflict') {
    return (
      <DialogActions>
        <Button onClick={actions.keepTheirs} ref={nextAction}>
          {t('conflict.keepTheirs')}
        </Button>
        <Button variant="contained" color="warning" onClick={actions.overwrite}>
          {t('conflict.overwrite')}
        </Button>
      </DialogActions>
    );
  }

  if (state.status === 'confirming' || state.status === 'sending') {
    const sending = state.status === 'sending';
    return (
      <DialogActions>
        <Button onClick={actions.back} disabled={sending}>
          {t('actions.back')}
        </Button>
        <Button
          variant="contained"
          onClick={actions.confirm}
          disabled={sending}
          startIcon={sending ? <CircularProgress size={16} color="inherit" /> : undefined}
          ref={nextAction}
        >
          {sending ? t('actions.sending') : t('actions.send')}
        </Button>
      </DialogActions>
    );
  }

  return (
    <DialogActions>
      <Button onClick={actions.discard} color="inherit">
        {hasUnsavedIntent(state) ? t('actions.discard') : t('actions.cancel')}
      </Button>
      {state.status === 'editing' && !offeredDraft ? <Button onClick={onClose}>{t('actions.keepDraft')}</Button> : null}
      {correction.canRetry ? (
        <Button variant="contained" onClick={actions.retry}>
          {t('actions.retry')}
        </Button>
      ) : (
        <Button variant="contained" type="submit" form="correction-form" disabled={!!offeredDraft || state.status === 'idle'}>
          {t('actions.review')}
        </Button>
      )}
    </DialogActions>
  );
}
