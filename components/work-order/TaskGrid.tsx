'use client';

import EditIcon from '@mui/icons-material/Edit';
import HistoryIcon from '@mui/icons-material/History';
import PhotoLibraryOutlinedIcon from '@mui/icons-material/PhotoLibraryOutlined';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import IconButton from '@mui/material/IconButton';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import type { Theme } from '@mui/material/styles';
import { useTranslations } from 'next-intl';
import NextLink from 'next/link';
import type { KeyboardEvent } from 'react';
import { taskKey } from '@/lib/shared/task-key';
import type { TaskDto, TaskGroupWithTasksDto } from '@/lib/shared/work-order-dto';
import { MessageChip, safeRuleColor } from '@/components/tasks/MessageChip';
import { OutcomeTypeLabel } from '@/components/tasks/OutcomeTypeLabel';
import { TaskValueText } from '@/components/tasks/TaskValueText';
import { useDateFormat } from './format';
import { UnreadableTaskRows } from './UnreadableTaskRows';

export interface TaskGridProps {
  groups: TaskGroupWithTasksDto[];
  activeTaskId: string | null;
  canCorrect: boolean;
  /** Tasks with a kept correction draft, by `taskKey(task-group name, task name)`. */
  draftTasks: ReadonlySet<string>;
  onActivate(taskId: string): void;
  onCorrect(task: TaskDto, preset?: boolean): void;
  onShowHistory(task: TaskDto): void;
  /** Brings the task group's photos into view (the photo panel is below the tasks on a phone). */
  onShowPhotos(group: TaskGroupWithTasksDto): void;
  registerRow(taskId: string, element: HTMLTableRowElement | null): void;
}

/**
 * Where the grid is narrower than its table needs (a phone, or a laptop where the photos take the
 * right half) the same table is laid out as one card per task with CSS only: one DOM for every
 * width, so there is no hydration mismatch, no flash of the wrong layout, and the rows keep their
 * focus, keyboard shortcuts and accessible names. Table semantics are kept with explicit roles,
 * since some browsers drop them from tables restyled with `display`. A container query, not a
 * media query: what matters is the width the grid gets, not the screen's.
 */
const GRID_CONTAINER = 'task-grid';
const TABLE_MIN_WIDTH = 860;
const CARD_ACTIONS_BESIDE_MIN_WIDTH = 560;
const CARDS = `@container ${GRID_CONTAINER} (max-width: ${TABLE_MIN_WIDTH - 0.05}px)`;
const WIDE_CARDS = `@container ${GRID_CONTAINER} (min-width: ${CARD_ACTIONS_BESIDE_MIN_WIDTH}px) and (max-width: ${TABLE_MIN_WIDTH - 0.05}px)`;

/** Read by screen readers, not shown. Lengths in px: in `sx` a bare `1` would mean 100 %. */
export const visuallyHidden = {
  position: 'absolute',
  width: '1px',
  height: '1px',
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
  border: 0,
  padding: 0,
  margin: '-1px',
} as const;

const tableSx = {
  [CARDS]: {
    display: 'block',
    // The column headers stay for screen readers (each cell is still announced with its header).
    '& thead': visuallyHidden,
    '& tbody': { display: 'grid', gap: 1.5 },
  },
};

const rowSx = (stateColor: string | null) => (theme: Theme) => ({
  [CARDS]: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr)',
    gridTemplateAreas: '"task" "value" "message" "flags" "actions"',
    rowGap: 1,
    p: 1.5,
    border: 1,
    borderColor: 'divider',
    borderRadius: 1,
    // The rule colour of the task's state, as the card's edge (the message chip says it in words).
    borderLeft: '6px solid',
    borderLeftColor: stateColor ?? theme.palette.divider,
    // Long sentences, names and values wrap inside the card (in the table they size the columns).
    '& > td': { minWidth: 0, p: 0, border: 0, overflowWrap: 'anywhere' },
  },
  // Wide enough (a tablet, a laptop's half): the actions beside the sentence, not a row of their own.
  [WIDE_CARDS]: {
    gridTemplateColumns: 'minmax(0, 1fr) auto',
    gridTemplateAreas: '"task actions" "value value" "message message" "flags flags"',
    columnGap: 2,
  },
});

/** Cells side by side, wrapping, on a card; unchanged in the table. */
const inlineOnPhone = {
  [CARDS]: { display: 'flex', flexWrap: 'wrap', alignItems: 'baseline', columnGap: 1.5, rowGap: 0.25 },
};

/** Larger touch targets on a card; unchanged in the table. */
const touchTarget = { [CARDS]: { p: 1.25 } };

/** The per-task status grid, one table per task group (already sorted by `order`); cards when narrow. */
export function TaskGrid({ groups, activeTaskId, canCorrect, draftTasks, onActivate, onCorrect, onShowHistory, onShowPhotos, registerRow }: TaskGridProps) {
  const t = useTranslations('tasks');
  const formatDate = useDateFormat();
  const firstTaskId = groups.find((g) => g.tasks.length > 0)?.tasks[0]?.id ?? null;
  const focusableId = activeTaskId ?? firstTaskId;

  const onRowKeyDown = (event: KeyboardEvent<HTMLTableRowElement>, task: TaskDto) => {
    if (event.target !== event.currentTarget || event.altKey || event.ctrlKey || event.metaKey) return;
    const key = event.key.toLowerCase();
    if (key === 'enter' || key === ' ') {
      event.preventDefault();
      if (canCorrect && task.analyzed) onCorrect(task);
      else onShowHistory(task);
    } else if ((key === 'y' || key === 'n') && canCorrect && task.analyzed && task.outcomeType === 'Boolean') {
      event.preventDefault();
      onCorrect(task, key === 'y');
    }
  };

  if (groups.length === 0) {
    return (
      <Typography color="text.secondary" sx={{ py: 2 }}>
        {t('grid.empty')}
      </Typography>
    );
  }

  return (
    <Stack spacing={3} sx={{ containerType: 'inline-size', containerName: GRID_CONTAINER }}>
      {groups.map((group) => (
        <Box component="section" key={group.id} aria-labelledby={`group-${group.id}`}>
          <Stack direction="row" spacing={2} sx={{ alignItems: 'flex-start', mb: 1 }}>
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
            <Box sx={{ minWidth: 0 }}>
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
                {group.tasks.map((task) => {
                  const active = task.id === activeTaskId;
                  const notAnalyzed = !task.analyzed;
                  return (
                    <TableRow
                      key={task.id}
                      role="row"
                      ref={(element) => registerRow(task.id, element)}
                      data-task-id={task.id}
                      data-testid={`task-row-${task.name}`}
                      tabIndex={task.id === focusableId ? 0 : -1}
                      selected={active}
                      hover
                      aria-label={t('grid.rowLabel', { sentence: task.sentence })}
                      onFocus={(event) => {
                        if (event.target === event.currentTarget) onActivate(task.id);
                      }}
                      onClick={() => onActivate(task.id)}
                      onKeyDown={(event) => onRowKeyDown(event, task)}
                      sx={[
                        {
                          cursor: 'pointer',
                          '&:focus-visible': { outline: 2, outlineColor: 'primary.main', outlineStyle: 'solid', outlineOffset: -2 },
                        },
                        notAnalyzed && { bgcolor: 'action.hover' },
                        rowSx(safeRuleColor(task.state?.color)),
                      ]}
                    >
                      <TableCell role="cell" sx={{ minWidth: 170, gridArea: 'task' }}>
                        <Typography variant="body2" sx={{ fontWeight: 600 }}>
                          {task.sentence}
                        </Typography>
                        <Typography variant="caption" component="div" sx={{ fontFamily: 'monospace' }}>
                          {task.name}
                        </Typography>
                        <Typography variant="caption" component="div">
                          <OutcomeTypeLabel task={task} />
                          {notAnalyzed ? (
                            <Chip component="span" label={t('grid.notAnalyzed')} size="small" variant="outlined" sx={{ ml: 1, height: 18 }} />
                          ) : null}
                          {draftTasks.has(taskKey(task.taskGroupName, task.name)) ? (
                            <Chip component="span" label={t('grid.draft')} size="small" color="warning" sx={{ ml: 1, height: 18 }} />
                          ) : null}
                        </Typography>
                      </TableCell>
                      <TableCell role="cell" sx={[{ minWidth: 110, gridArea: 'value' }, inlineOnPhone]}>
                        <Typography variant="body2" sx={{ fontWeight: 600 }}>
                          {/* The column header is not shown on a card: say what the value is (screen readers get the header). */}
                          <Box component="span" aria-hidden sx={{ display: 'none', fontWeight: 400, mr: 0.5, [CARDS]: { display: 'inline' } }}>
                            {t('grid.valueLabel')}
                          </Box>
                          <TaskValueText value={task.effectiveValue} />
                        </Typography>
                        <Typography variant="caption" component="div">
                          {t('grid.ai')} <TaskValueText value={task.state?.analyzedValue} />
                        </Typography>
                        <Typography variant="caption" component="div">
                          {t('grid.corrected')} <TaskValueText value={task.state?.correctedValue} />
                        </Typography>
                      </TableCell>
                      <TableCell role="cell" sx={[{ minWidth: 140, gridArea: 'message' }, inlineOnPhone]}>
                        <MessageChip message={task.state?.message} color={task.state?.color} />
                        <Typography
                          variant="caption"
                          component="div"
                          sx={{ fontWeight: 600, color: task.validated ? 'success.dark' : 'text.secondary' }}
                          data-testid="task-validated"
                        >
                          {task.validated ? t('grid.validatedShort') : t('grid.notValidatedShort')}
                        </Typography>
                      </TableCell>
                      <TableCell role="cell" sx={[{ minWidth: 150, gridArea: 'flags' }, { [CARDS]: { color: 'text.secondary' } }]}>
                        <Typography variant="caption" component="div">
                          {task.countedInScore ? t('grid.countedInScore') : t('grid.notCountedInScore')} ·{' '}
                          {task.pushedToField ? t('grid.pushedToField') : t('grid.dashboardOnly')}
                        </Typography>
                        <Typography variant="caption" component="div">
                          {task.state && !task.state.updateDate ? t('grid.updatedUnknown') : t('grid.updatedAt', { when: formatDate(task.state?.updateDate) })}
                        </Typography>
                        {task.lastCorrection ? (
                          <Typography variant="caption" component="div">
                            {t('grid.correctedBy', {
                              who: task.lastCorrection.actorEmail ?? t('grid.someone'),
                              outcome: t(`outcome.${task.lastCorrection.outcome}` as 'outcome.applied'),
                            })}
                          </Typography>
                        ) : null}
                      </TableCell>
                      <TableCell
                        role="cell"
                        align="right"
                        sx={{
                          whiteSpace: 'nowrap',
                          gridArea: 'actions',
                          [CARDS]: { display: 'flex', flexDirection: 'row', justifyContent: 'flex-end', gap: 0.5, mr: -1, mb: -1 },
                          [WIDE_CARDS]: { alignSelf: 'start', mt: -1, mb: 0 },
                        }}
                      >
                        {canCorrect ? (
                          <Tooltip title={t('grid.correctTask', { sentence: task.sentence })}>
                            <span>
                              <IconButton
                                size="small"
                                color="primary"
                                disabled={notAnalyzed}
                                tabIndex={active ? 0 : -1}
                                sx={touchTarget}
                                onClick={(event) => {
                                  event.stopPropagation();
                                  onCorrect(task);
                                }}
                                aria-label={t('grid.correctTask', { sentence: task.sentence })}
                              >
                                <EditIcon fontSize="small" />
                              </IconButton>
                            </span>
                          </Tooltip>
                        ) : null}
                        <Tooltip title={t('grid.historyOf', { sentence: task.sentence })}>
                          <IconButton
                            size="small"
                            tabIndex={active ? 0 : -1}
                            sx={touchTarget}
                            onClick={(event) => {
                              event.stopPropagation();
                              onShowHistory(task);
                            }}
                            aria-label={t('grid.historyOf', { sentence: task.sentence })}
                          >
                            <HistoryIcon fontSize="small" />
                          </IconButton>
                        </Tooltip>
                        {/* On a phone the photos are far below the tasks: a way there (and the task's boxes highlighted). */}
                        <Tooltip title={t('grid.photosOf', { sentence: task.sentence })}>
                          <IconButton
                            size="small"
                            tabIndex={active ? 0 : -1}
                            sx={{ display: 'none', [CARDS]: { display: 'inline-flex', p: 1.25 } }}
                            onClick={(event) => {
                              event.stopPropagation();
                              onActivate(task.id);
                              onShowPhotos(group);
                            }}
                            aria-label={t('grid.photosOf', { sentence: task.sentence })}
                          >
                            <PhotoLibraryOutlinedIcon fontSize="small" />
                          </IconButton>
                        </Tooltip>
                      </TableCell>
                    </TableRow>
                  );
                })}
                <UnreadableTaskRows tasks={group.unreadableTasks ?? []} />
              </TableBody>
            </Table>
          </TableContainer>
        </Box>
      ))}
    </Stack>
  );
}

