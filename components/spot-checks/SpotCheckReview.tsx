'use client';

import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useFormatter, useTranslations } from 'next-intl';
import { useMemo } from 'react';
import { ButtonLink } from '@/components/layout/ButtonLink';
import { PageHeader } from '@/components/layout/PageHeader';
import type { TaskBox } from '@/components/work-order/PhotoWithBoxes';
import type { SpotCheckDto } from '@/lib/shared/spot-checks';
import { taskKey } from '@/lib/shared/task-key';
import { BlindPhotos } from './BlindPhotos';
import { RevealTable } from './RevealTable';
import { TaskAnswer } from './TaskAnswer';
import { useSpotCheckReview } from './use-spot-check-review';

/** Boxes per photo from the reveal (none before it). */
function boxesByInput(check: SpotCheckDto): Map<string, TaskBox[]> {
  const map = new Map<string, TaskBox[]>();
  for (const entry of check.reveal?.boxes ?? []) {
    map.set(entry.inputId, [...(map.get(entry.inputId) ?? []), { taskId: taskKey(entry.taskGroupName, entry.taskName), box: entry.box }]);
  }
  return map;
}

/** A blind spot check: photos and tasks, the reviewer's OK / KO per task, then the reveal. */
export function SpotCheckReview({ initial, nextId }: { initial: SpotCheckDto; nextId: string | null }) {
  const t = useTranslations('spotChecks.review');
  const format = useFormatter();
  const { check, tasks, answers, answered, complete, submitting, failure, answer, submit } = useSpotCheckReview(initial);
  const boxes = useMemo(() => boxesByInput(check), [check]);
  const { workOrder, reveal } = check;
  // Answer rows are numbered across groups: O / K moves on to the next one, whatever its group.
  const rowOf = useMemo(() => new Map(tasks.map((task, index) => [taskKey(task.taskGroupName, task.taskName), index])), [tasks]);

  return (
    <>
      <PageHeader
        title={workOrder.name}
        subtitle={reveal ? null : t('blindIntro')}
        actions={
          <ButtonLink href="/spot-checks" variant="text" startIcon={<ArrowBackIcon />}>
            {t('back')}
          </ButtonLink>
        }
      />
      {reveal ? (
        <Box component="section" aria-labelledby="reveal-title" sx={{ mb: 3 }}>
          <Typography variant="h6" component="h2" id="reveal-title">
            {t('revealTitle')}
          </Typography>
          <Typography variant="body2" color="textSecondary" sx={{ mb: 1 }} role="status">
            {t('checkedBy', {
              who: reveal.checkedBy ?? '—',
              time: format.dateTime(new Date(reveal.checkedAt), { dateStyle: 'medium', timeStyle: 'short' }),
            })}
          </Typography>
          <RevealTable tasks={reveal.tasks} />
          <Stack direction="row" spacing={2} sx={{ mt: 2 }}>
            {nextId ? (
              <ButtonLink href={`/spot-checks/${encodeURIComponent(nextId)}`} variant="contained">
                {t('next')}
              </ButtonLink>
            ) : null}
            <ButtonLink href={`/work-orders/${encodeURIComponent(workOrder.id)}`} variant="outlined">
              {t('openWorkOrder')}
            </ButtonLink>
          </Stack>
        </Box>
      ) : (
        <Typography variant="body2" color="textSecondary" sx={{ mb: 2 }}>
          {t('keyboardHint')}
        </Typography>
      )}
      {tasks.length === 0 ? <Alert severity="info">{t('noTasks')}</Alert> : null}
      <Box
        component="form"
        aria-label={t('tasksTitle')}
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <Stack spacing={2}>
          {workOrder.taskGroups.map((group) => (
            <Box
              component="section"
              key={group.name}
              aria-labelledby={`group-${group.name}`}
              sx={{ p: 1.5, border: 1, borderColor: 'divider', borderRadius: 1 }}
            >
              <Typography variant="subtitle1" component="h2" id={`group-${group.name}`} sx={{ mb: 1 }}>
                {group.displayName}
              </Typography>
              <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: 'minmax(0, 1fr)', md: 'minmax(0, 3fr) minmax(0, 2fr)' } }}>
                <BlindPhotos group={group} boxes={boxes} />
                {reveal ? null : (
                  <Box>
                    {group.tasks.map((task) => (
                      <TaskAnswer
                        key={task.taskName}
                        task={task}
                        index={rowOf.get(taskKey(task.taskGroupName, task.taskName)) ?? 0}
                        value={answers.get(taskKey(task.taskGroupName, task.taskName))}
                        onAnswer={(ok) => answer(task.taskGroupName, task.taskName, ok)}
                      />
                    ))}
                  </Box>
                )}
              </Box>
            </Box>
          ))}
        </Stack>
        {reveal || tasks.length === 0 ? null : (
          <Stack
            direction="row"
            spacing={2}
            sx={{ mt: 2, alignItems: 'center', position: 'sticky', bottom: 0, py: 1, bgcolor: 'background.default' }}
          >
            <Button type="submit" variant="contained" disabled={!complete || submitting}>
              {submitting ? t('submitting') : t('submit')}
            </Button>
            <Typography variant="body2" role="status">
              {t('progress', { answered, total: tasks.length })}
            </Typography>
          </Stack>
        )}
        {failure ? (
          <Alert severity="error" sx={{ mt: 2 }}>
            {t('failed', { message: failure })}
          </Alert>
        ) : null}
      </Box>
    </>
  );
}
