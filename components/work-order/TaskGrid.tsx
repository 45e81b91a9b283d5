'use client';

import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useTranslations } from 'next-intl';
import NextLink from 'next/link';
import { taskKey } from '@/lib/shared/task-key';
import type { TaskGroupWithTasksDto } from '@/lib/shared/work-order-dto';
import styles from './TaskGrid.module.css';
import { TaskRow, type TaskActions } from './TaskRow';
import { UnreadableTaskRows } from './UnreadableTaskRows';

/** The titled columns, in order (the last, the row's actions, has a hidden title). */
const COLUMNS = ['task', 'value', 'message', 'flags'] as const;

export interface TaskGridProps extends TaskActions {
  groups: TaskGroupWithTasksDto[];
  activeTaskId: string | null;
  /** Tasks with a kept correction draft, by `taskKey(task-group name, task name)`. */
  draftTasks: ReadonlySet<string>;
}

/**
 * The per-task status grid, one table per task group (already sorted by `order`); compact beside
 * the photos on a laptop, cards when narrow (task-grid-layout.ts). The tables are plain elements
 * styled by TaskGrid.module.css, which also declares the grid's container and its layouts.
 */
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
      <Typography color="textSecondary" sx={{ py: 2 }}>
        {t('grid.empty')}
      </Typography>
    );
  }

  return (
    <div className={styles.grid}>
      {groups.map((group) => (
        <section key={group.id} aria-labelledby={`group-${group.id}`} className={styles.group}>
          <Stack direction="row" spacing={2} className={styles.heading} sx={{ alignItems: 'flex-start', mb: 1 }}>
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
            <Box className={styles.title} sx={{ minWidth: 0 }}>
              <Typography variant="h6" component="h3" id={`group-${group.id}`}>
                {group.displayName}
              </Typography>
              {group.description ? (
                <Typography variant="body2" color="textSecondary">
                  {group.description}
                </Typography>
              ) : null}
              <Link component={NextLink} href={`/task-groups#${encodeURIComponent(group.name)}`} variant="body2">
                {t('grid.rulesLink', { group: group.displayName })}
              </Link>
            </Box>
          </Stack>
          {/* Focusable so keyboard users can scroll a table wider than the screen. */}
          <div role="group" tabIndex={0} aria-labelledby={`group-${group.id}`} className={styles.frame}>
            <table role="table" aria-labelledby={`group-${group.id}`} className={styles.table}>
              <thead role="rowgroup">
                <tr role="row">
                  {COLUMNS.map((column) => (
                    <th key={column} role="columnheader" scope="col">
                      {t(`grid.${column}`)}
                    </th>
                  ))}
                  <th role="columnheader" scope="col">
                    <span className={styles.visuallyHidden}>{t('grid.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody role="rowgroup">
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
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </div>
  );
}
