'use client';

import Chip from '@mui/material/Chip';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import { useTranslations } from 'next-intl';
import { formatValue } from '@/lib/shared/progress-score';
import type { RevealedTaskDto } from '@/lib/shared/spot-checks';

type Outcome = 'agree' | 'falseAccept' | 'falseReject';

function outcomeOf(task: RevealedTaskDto): Outcome | null {
  if (task.aiValidated === null) return null;
  if (task.aiValidated === task.reviewerOk) return 'agree';
  return task.aiValidated ? 'falseAccept' : 'falseReject';
}

/** After the answers: the reviewer's verdict beside the AI's, task by task. */
export function RevealTable({ tasks }: { tasks: RevealedTaskDto[] }) {
  const t = useTranslations('spotChecks.review');
  return (
    <Table size="small" aria-labelledby="reveal-title">
      <TableHead>
        <TableRow>
          <TableCell>{t('task')}</TableCell>
          <TableCell>{t('yours')}</TableCell>
          <TableCell>{t('ai')}</TableCell>
          <TableCell>{t('aiValue')}</TableCell>
          <TableCell>{t('outcome')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {tasks.map((task) => {
          const outcome = outcomeOf(task);
          return (
            <TableRow key={`${task.taskGroupName}/${task.taskName}`} data-testid="revealed-task" data-outcome={outcome ?? undefined}>
              <TableCell>{task.sentence}</TableCell>
              <TableCell>{task.reviewerOk ? t('ok') : t('ko')}</TableCell>
              <TableCell>{task.aiValidated === null ? t('aiNone') : task.aiValidated ? t('aiPassed') : t('aiFailed')}</TableCell>
              <TableCell>{task.aiValue === null ? '—' : formatValue(task.aiValue)}</TableCell>
              <TableCell>
                {outcome ? (
                  <Chip
                    size="small"
                    variant="outlined"
                    color={outcome === 'agree' ? 'success' : outcome === 'falseAccept' ? 'error' : 'warning'}
                    label={t(outcome)}
                  />
                ) : (
                  '—'
                )}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
