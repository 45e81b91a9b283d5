'use client';

import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Typography from '@mui/material/Typography';
import { useTranslations } from 'next-intl';
import useSWR from 'swr';
import type { CorrectionHistoryDto, TaskDto } from '@/lib/shared/work-order-dto';
import { TaskValueText } from '@/components/tasks/TaskValueText';
import { RuleList } from '@/components/tasks/RuleCondition';
import { correctionHistoryUrl, fetchJson } from '@/lib/client/api';
import { useDateFormat } from '../format';

/** Every correction attempt made on one task through Field Review, newest first (our audit log). */
export function CorrectionHistoryDialog({ workOrderId, task, onClose }: { workOrderId: string; task: TaskDto; onClose(): void }) {
  const t = useTranslations('correction');
  const tTasks = useTranslations('tasks');
  const formatDate = useDateFormat();
  const { data, error, isLoading, mutate } = useSWR<CorrectionHistoryDto>(correctionHistoryUrl(workOrderId, task.id), fetchJson, {
    revalidateOnFocus: false,
  });
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="history-title">
      <DialogTitle id="history-title">{t('history.title', { sentence: task.sentence })}</DialogTitle>
      <DialogContent dividers>
        <Typography variant="subtitle2" gutterBottom>
          {t('form.rules')}
        </Typography>
        <RuleList rules={task.rules} dense />
        <Typography variant="subtitle2" sx={{ mt: 2 }}>
          {t('history.heading')}
        </Typography>
        {isLoading ? <CircularProgress size={24} aria-label={t('history.loading')} /> : null}
        {error ? (
          <Alert severity="error" action={<Button onClick={() => void mutate()}>{t('actions.retry')}</Button>}>
            {t('history.error')}
          </Alert>
        ) : null}
        {data && data.corrections.length === 0 ? <Typography color="textSecondary">{t('history.empty')}</Typography> : null}
        {data && data.corrections.length > 0 ? (
          <List dense data-testid="correction-history" aria-label={t('history.heading')}>
            {data.corrections.map((entry) => (
              <ListItem key={entry.auditId} divider>
                <ListItemText
                  primary={
                    <>
                      <TaskValueText value={entry.before} /> → <TaskValueText value={entry.after} /> ·{' '}
                      {tTasks(`outcome.${entry.outcome}` as 'outcome.applied')}
                    </>
                  }
                  secondary={
                    <>
                      {t('history.by', { who: entry.actorEmail ?? '—', when: formatDate(entry.at) })}
                      {entry.reason ? ` · ${t('history.reason', { reason: entry.reason })}` : ''}
                      {entry.comment ? ` · ${entry.comment}` : ''}
                    </>
                  }
                />
              </ListItem>
            ))}
          </List>
        ) : null}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('actions.close')}</Button>
      </DialogActions>
    </Dialog>
  );
}
