'use client';

import Dialog from '@mui/material/Dialog';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import useMediaQuery from '@mui/material/useMediaQuery';
import type { Theme } from '@mui/material/styles';
import { useTranslations } from 'next-intl';
import { MessageChip } from '@/components/tasks/MessageChip';
import { TaskValueText } from '@/components/tasks/TaskValueText';
import { CorrectionActions } from './CorrectionActions';
import { CorrectionConfirm } from './CorrectionConfirm';
import { CorrectionForm } from './CorrectionForm';
import { ConflictNotice, DraftOffer, SendOutcome } from './CorrectionNotices';
import { useCorrection, type CorrectionProps } from './use-correction';

/**
 * Correct one task: write the value (with the reason and a comment), confirm it against its
 * effect on the task and the score, send it, and settle what came back (saved, conflict,
 * failure, unknown outcome, session ended). `useCorrection` holds all of it; this lays it out.
 */
export function CorrectionDialog(props: CorrectionProps) {
  // The whole screen on a phone. Read at once (`noSsr`): the dialog only ever mounts in the browser.
  const fullScreen = useMediaQuery((theme: Theme) => theme.breakpoints.down('sm'), { noSsr: true });
  const t = useTranslations('correction');
  const tTasks = useTranslations('tasks');
  const correction = useCorrection(props);
  const { task, state, baseTask, offeredDraft, preview, actions } = correction;
  const confirming = state.status === 'confirming' || state.status === 'sending';

  return (
    <Dialog
      open
      onClose={actions.close}
      fullWidth
      fullScreen={fullScreen}
      maxWidth="sm"
      aria-labelledby="correction-title"
      onKeyDown={actions.onKeyDown}
    >
      <DialogTitle id="correction-title">{t('title', { sentence: task.sentence })}</DialogTitle>
      <DialogContent dividers>
        <Stack spacing={2}>
          <Typography variant="body2" color="textSecondary">
            {t('current')}{' '}
            <strong>
              <TaskValueText value={baseTask.effectiveValue} />
            </strong>{' '}
            · {tTasks('grid.ai')} <TaskValueText value={baseTask.state?.analyzedValue} /> ·{' '}
            <MessageChip message={baseTask.state?.message} color={baseTask.state?.color} />
          </Typography>

          {offeredDraft ? <DraftOffer draft={offeredDraft} onRestore={actions.restoreDraft} onDiscard={actions.discardDraft} /> : null}

          {state.status === 'conflict' && state.conflict ? (
            <ConflictNotice
              theirs={baseTask}
              changedBy={state.conflict.changedBy ?? null}
              changedAt={state.conflict.changedAt ?? null}
              yours={state.value}
            />
          ) : null}

          {correction.editable || state.status === 'idle' ? <CorrectionForm correction={correction} /> : null}

          {confirming && preview ? (
            <CorrectionConfirm preview={preview} reasonLabel={correction.reasonLabel} comment={state.comment} sending={state.status === 'sending'} />
          ) : null}

          <SendOutcome state={state} progressScore={props.workOrder.progressScore} />

          {confirming ? null : (
            <Typography id="correction-definitive-hint" variant="caption" color="textSecondary">
              {t('definitive')}
            </Typography>
          )}
        </Stack>
      </DialogContent>
      <CorrectionActions correction={correction} onClose={props.onClose} />
    </Dialog>
  );
}
