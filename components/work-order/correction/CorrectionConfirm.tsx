'use client';

import ArrowForwardIcon from '@mui/icons-material/ArrowForward';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useTranslations } from 'next-intl';
import type { CorrectionPreview, TaskOutcome } from '@/lib/shared/correction-preview';
import { MessageChip } from '@/components/tasks/MessageChip';
import { TaskValueText } from '@/components/tasks/TaskValueText';

function OutcomeLine({ outcome }: { outcome: TaskOutcome }) {
  const t = useTranslations('tasks');
  return (
    <Stack spacing={0.5}>
      <Typography variant="h6" component="p">
        <TaskValueText value={outcome.value} />
      </Typography>
      <MessageChip message={outcome.message} color={outcome.color} />
      <Typography variant="caption">{outcome.validated ? t('grid.validatedShort') : t('grid.notValidatedShort')}</Typography>
    </Stack>
  );
}

/** The confirmation before a definitive send: the task before and after, the score, the reason. */
export function CorrectionConfirm({
  preview,
  reasonLabel,
  comment,
  sending,
}: {
  preview: CorrectionPreview;
  reasonLabel: string;
  comment: string;
  sending: boolean;
}) {
  const t = useTranslations('correction');
  return (
    <Stack spacing={2} data-testid="correction-confirm">
      <Typography variant="subtitle1" component="h3">
        {t('confirm.heading')}
      </Typography>
      <Stack direction="row" spacing={{ xs: 1, sm: 2 }} sx={{ alignItems: 'center' }}>
        <Box sx={{ flex: '1 1 0', minWidth: 0, p: 1.5, border: 1, borderColor: 'divider', borderRadius: 1 }}>
          <Typography variant="overline">{t('confirm.before')}</Typography>
          <OutcomeLine outcome={preview.before} />
        </Box>
        <ArrowForwardIcon aria-hidden />
        <Box sx={{ flex: '1 1 0', minWidth: 0, p: 1.5, border: 2, borderColor: 'primary.main', borderRadius: 1 }}>
          <Typography variant="overline">{t('confirm.after')}</Typography>
          <OutcomeLine outcome={preview.after} />
        </Box>
      </Stack>
      <Typography data-testid="score-preview">
        {preview.countedInScore
          ? t('confirm.score', { before: preview.scoreBefore, after: preview.scoreAfter })
          : t('confirm.notCounted', { score: preview.scoreBefore })}
        {preview.scoreIsEstimate ? <Chip size="small" label={t('confirm.estimate')} sx={{ ml: 1 }} /> : null}
      </Typography>
      <Typography variant="body2">
        {t('confirm.reason', { reason: reasonLabel })}
        {comment.trim() ? ` — ${comment.trim()}` : ''}
      </Typography>
      <Alert severity="warning">{t('confirm.definitive')}</Alert>
      {sending ? (
        <Alert severity="info" role="status">
          {t('status.sending')}
        </Alert>
      ) : null}
    </Stack>
  );
}
