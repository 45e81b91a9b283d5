'use client';

import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useTranslations } from 'next-intl';
import NextLink from 'next/link';
import { taskKey } from '@/lib/shared/task-key';
import type { TaskGroupWithTasksDto } from '@/lib/shared/work-order-dto';
import { visuallyHidden } from '@/components/layout/visually-hidden';
import { CARDS, GRID_CONTAINER, groupHeadingSx, groupSx, tableSx } from './task-grid-layout';
import { TaskRow, type TaskActions } from './TaskRow';
import { UnreadableTaskRows } from './UnreadableTaskRows';

export interface TaskGridProps extends TaskActions {
  groups: TaskGroupWithTasksDto[];
  activeTaskId: string | null;
  /** Tasks with a kept correction draft, by `taskKey(task-group name, task name)`. */
  draftTasks: ReadonlySet<string>;
}

/** The per-task status grid, one table per task group (already sorted by `order`); compact beside the photos on a laptop, cards when narrow. */
export function TaskGrid({
  groups,
  activeTaskId,
  canCorrect,
  draftTasks,
  onActivate,
  onCorrect,
  onShowHistory,
  onShowPhotos,
  registerRow,
}: TaskGridProps) {
  const t = useTranslations('tasks');
  const firstTaskId = groups.find((g) => g.tasks.length > 0)?.tasks[0]?.id ?? null;
  const focusableId = activeTaskId ?? firstTaskId;

  if (groups.length === 0) {
    return (
      <Typography color="text.secondary" sx={{ py: 2 }}>
        {t('grid.empty')}
      </Typography>
    );
  }

  return (
    <Box sx={{ containerType: 'inline-size', containerName: GRID_CONTAINER }}>
      {groups.map((group) => (
        <Box component="section" key={group.id} aria-labelledby={`group-${group.id}`} sx={groupSx}>
          <Stack direction="row" spacing={2} sx={{ alignItems: 'flex-start', mb: 1, ...groupHeadingSx }}>
            {group.exampleImageUrls[0] ? (
              // eslint-disable-next-line @next/next/no-img-element -- our own authenticated proxy, never optimised
              <img
                src={group.exampleImageUrls[0]}
                alt={t('grid.exampleAlt', { group: group.displayName })}
                width={56}
                height={56}
                loading="lazy"
                style={{ objectFit: 'cover', borderRadius: 4, flex: 'none' }}
              />
            ) : null}
            <Box className="task-group-title" sx={{ minWidth: 0 }}>
              <Typography variant="h6" component="h3" id={`group-${group.id}`}>
                {group.displayName}
              </Typography>
              {group.description ? (
                <Typography variant="body2" color="text.secondary">
                  {group.description}
                </Typography>
              ) : null}
              <Link component={NextLink} href={`/task-groups#${encodeURIComponent(group.name)}`} variant="body2">
                {t('grid.rulesLink', { group: group.displayName })}
              </Link>
            </Box>
          </Stack>
          {/* Focusable so keyboard users can scroll a table wider than the screen. */}
          <TableContainer
            role="group"
            tabIndex={0}
            aria-labelledby={`group-${group.id}`}
            sx={{
              position: 'relative',
              border: 1,
              borderColor: 'divider',
              borderRadius: 1,
              '&:focus-visible': { outline: 2, outlineStyle: 'solid', outlineColor: 'primary.main' },
              // Each card has its own border; nothing scrolls sideways.
              [CARDS]: { border: 0, overflowX: 'visible' },
            }}
          >
            <Table size="small" role="table" aria-labelledby={`group-${group.id}`} sx={tableSx}>
              <TableHead role="rowgroup">
                <TableRow role="row">
                  <TableCell role="columnheader">{t('grid.task')}</TableCell>
                  <TableCell role="columnheader">{t('grid.value')}</TableCell>
                  <TableCell role="columnheader">{t('grid.message')}</TableCell>
                  <TableCell role="columnheader">{t('grid.flags')}</TableCell>
                  <TableCell role="columnheader">
                    <Box component="span" sx={visuallyHidden}>
                      {t('grid.actions')}
                    </Box>
                  </TableCell>
                </TableRow>
              </TableHead>
              <TableBody role="rowgroup">
                {group.tasks.map((task) => (
                  <TaskRow
                    key={task.id}
                    task={task}
                    group={group}
                    active={task.id === activeTaskId}
                    focusable={task.id === focusableId}
                    canCorrect={canCorrect}
                    hasDraft={draftTasks.has(taskKey(task.taskGroupName, task.name))}
                    onActivate={onActivate}
                    onCorrect={onCorrect}
                    onShowHistory={onShowHistory}
                    onShowPhotos={onShowPhotos}
                    registerRow={registerRow}
                  />
                ))}
                <UnreadableTaskRows tasks={group.unreadableTasks ?? []} />
              </TableBody>
            </Table>
          </TableContainer>
        </Box>
      ))}
    </Box>
  );
}
