'use client';

import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Typography from '@mui/material/Typography';
import { useTranslations } from 'next-intl';
import type { AnalysisResultDto, TaskGroupWithTasksDto } from '@/lib/shared/work-order-dto';
import { MessageChip } from '@/components/tasks/MessageChip';
import { TaskValueText } from '@/components/tasks/TaskValueText';
import { ConformityMessages } from '../PhotoPanel';
import { analysisSeverity } from './analysis-phase';

/** What an analysis found: its status and the score, the photo's conformity messages, the tasks it changed. */
export function AnalysisResult({ result, group }: { result: AnalysisResultDto; group: TaskGroupWithTasksDto }) {
  const t = useTranslations('workOrder.analyze');
  const tasksById = new Map(group.tasks.map((task) => [task.id, task]));
  return (
    <Box data-testid="analysis-result">
      <Alert severity={analysisSeverity(result.status)} role="status">
        {t(`status.${result.status}`)} · {result.progressScore === null ? t('scoreUnknown') : t('score', { score: result.progressScore })}
      </Alert>
      <ConformityMessages messages={result.conformityMessages} />
      {result.impactedTaskIds.length > 0 ? (
        <>
          <Typography variant="subtitle2" sx={{ mt: 1 }}>
            {t('impacted')}
          </Typography>
          <List dense>
            {result.impactedTaskIds.map((id) => {
              const task = tasksById.get(id);
              return (
                <ListItem key={id}>
                  <ListItemText
                    primary={task?.sentence ?? id}
                    secondary={
                      task ? (
                        <>
                          <TaskValueText value={task.effectiveValue} /> · <MessageChip message={task.state?.message} color={task.state?.color} />
                        </>
                      ) : null
                    }
                  />
                </ListItem>
              );
            })}
          </List>
        </>
      ) : (
        <Typography variant="body2" color="textSecondary" sx={{ mt: 1 }}>
          {t('noImpact')}
        </Typography>
      )}
    </Box>
  );
}
