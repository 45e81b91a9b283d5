'use client';

import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useTranslations } from 'next-intl';
import type { TaskValue } from '@/lib/shared/progress-score';
import type { CorrectionResponse, TaskDto } from '@/lib/shared/work-order-dto';
import { MessageChip } from '@/components/tasks/MessageChip';
import { TaskValueText } from '@/components/tasks/TaskValueText';
import { useDateFormat } from '../format';
import type { CorrectionDraft } from './correction-draft';
import type { CorrectionState } from './correction-machine';

/** A draft kept from an earlier visit: restore it or start again. */
export function DraftOffer({ draft, onRestore, onDiscard }: { draft: CorrectionDraft; onRestore(): void; onDiscard(): void }) {
  const t = useTranslations('correction');
  const formatDate = useDateFormat();
  return (
    <Alert
      severity="info"
      action={
        <Stack direction="row" spacing={1}>
          <Button color="inherit" size="small" onClick={onRestore}>
            {t('draft.restore')}
          </Button>
          <Button color="inherit" size="small" onClick={onDiscard}>
            {t('draft.discard')}
          </Button>
        </Stack>
      }
    >
      {t(draft.sent ? 'draft.offerSent' : 'draft.offer', { when: formatDate(draft.savedAt) })}
    </Alert>
  );
}

/** Someone changed the task since the user saw it: who, when, and both values. */
export function ConflictNotice({
  theirs,
  changedBy,
  changedAt,
  yours,
}: {
  theirs: TaskDto;
  changedBy: string | null;
  changedAt: string | null;
  yours: TaskValue | null;
}) {
  const t = useTranslations('correction');
  const formatDate = useDateFormat();
  return (
    <Alert severity="warning" role="alert" data-testid="correction-conflict">
      <Typography variant="subtitle2" component="p">
        {t('conflict.title')}
      </Typography>
      <Typography variant="body2" component="p">
        {changedBy ? t('conflict.changedBy', { who: changedBy, when: formatDate(changedAt) }) : t('conflict.changedUpstream')}
      </Typography>
      <Stack direction="row" spacing={3} sx={{ mt: 1 }}>
        <Box>
          <Typography variant="overline">{t('conflict.theirs')}</Typography>
          <Typography>
            <TaskValueText value={theirs.effectiveValue} />
          </Typography>
          <MessageChip message={theirs.state?.message} color={theirs.state?.color} />
        </Box>
        <Box>
          <Typography variant="overline">{t('conflict.yours')}</Typography>
          <Typography>
            <TaskValueText value={yours} />
          </Typography>
        </Box>
      </Stack>
    </Alert>
  );
}

/**
 * What came back from a send: saved (with the new score), failed (not applied), unknown (it may
 * have been applied: Retry settles it) or the session ended (sign in again in another tab, then Retry).
 * When the server said how long to wait before retrying, the notice says it.
 */
export function SendOutcome({ state, progressScore }: { state: CorrectionState; progressScore: number }) {
  const t = useTranslations('correction');
  const { status, error } = state;
  if (status === 'saved') {
    const result = state.result as CorrectionResponse | null;
    return (
      <Alert severity="success" role="status">
        {t('status.saved', { score: result?.progressScore ?? progressScore })}
        {result?.reconciled ? ` ${t('status.reconciled')}` : ''}
      </Alert>
    );
  }
  if (status === 'failed' && error) {
    return (
      <Alert severity="error" role="alert">
        {t('status.failed')} {error.message ?? ''} {error.requestId ? t('status.reference', { id: error.requestId }) : ''}
        {!error.retryable ? ` ${t('status.editToRetry')}` : ''}
        {error.retryable && error.retryAfter !== undefined ? ` ${t('status.retryIn', { seconds: error.retryAfter })}` : ''}
      </Alert>
    );
  }
  if (status === 'unknown' && error) {
    // With a wait: the first PATCH may still land, and a retry before then can only say "unknown" again.
    return (
      <Alert severity="warning" role="alert">
        {error.retryAfter !== undefined ? t('status.unknownPending', { seconds: error.retryAfter }) : t('status.unknown')}{' '}
        {error.requestId ? t('status.reference', { id: error.requestId }) : ''}
      </Alert>
    );
  }
  if (status === 'unauthenticated') {
    return (
      <Alert severity="warning" role="alert">
        {t('status.unauthenticated')}{' '}
        <Link href="/sign-in" target="_blank" rel="noopener">
          {t('status.signInNewTab')}
        </Link>
      </Alert>
    );
  }
  return null;
}
