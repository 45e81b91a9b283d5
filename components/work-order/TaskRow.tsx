'use client';

import EditIcon from '@mui/icons-material/Edit';
import HistoryIcon from '@mui/icons-material/History';
import PhotoLibraryOutlinedIcon from '@mui/icons-material/PhotoLibraryOutlined';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import IconButton from '@mui/material/IconButton';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useTranslations } from 'next-intl';
import type { KeyboardEvent } from 'react';
import type { TaskDto, TaskGroupWithTasksDto } from '@/lib/shared/work-order-dto';
import { MessageChip, safeRuleColor } from '@/components/tasks/MessageChip';
import { OutcomeTypeLabel } from '@/components/tasks/OutcomeTypeLabel';
import { TaskValueText } from '@/components/tasks/TaskValueText';
import { useDateFormat } from './format';
import { rowKeyAction } from './review-keys';
import { CARDS, COMPACT, inlineOnPhone, notCompact, oneLine, rowSx, touchTarget, WIDE_CARDS } from './task-grid-layout';

/** What a task's row lets the user do; the grid hands the same to every row. */
export interface TaskActions {
  canCorrect: boolean;
  onActivate(taskId: string): void;
  onCorrect(task: TaskDto, preset?: boolean): void;
  onShowHistory(task: TaskDto): void;
  /** Brings the task group's photos into view (the photo panel is below the tasks on a phone). */
  onShowPhotos(group: TaskGroupWithTasksDto): void;
  registerRow(taskId: string, element: HTMLTableRowElement | null): void;
}

export interface TaskRowProps extends TaskActions {
  task: TaskDto;
  group: TaskGroupWithTasksDto;
  /** The task J/K, a click or the focus last landed on: highlighted, its buttons in the tab order. */
  active: boolean;
  /** The one row of the grid in the tab order (the active one, else the first). */
  focusable: boolean;
  /** A correction draft is kept for this task. */
  hasDraft: boolean;
}

/** One task: its sentence, value, message, flags and actions; a card when the grid is narrow. */
export function TaskRow({
  task,
  group,
  active,
  focusable,
  canCorrect,
  hasDraft,
  onActivate,
  onCorrect,
  onShowHistory,
  onShowPhotos,
  registerRow,
}: TaskRowProps) {
  const t = useTranslations('tasks');
  const formatDate = useDateFormat();
  const notAnalyzed = !task.analyzed;

  const onKeyDown = (event: KeyboardEvent<HTMLTableRowElement>) => {
    // Keys on the row itself, not on one of its buttons.
    if (event.target !== event.currentTarget) return;
    const action = rowKeyAction(event, task, canCorrect);
    if (!action) return;
    event.preventDefault();
    if (action.kind === 'history') onShowHistory(task);
    else onCorrect(task, action.preset);
  };

  return (
    <TableRow
      role="row"
      ref={(element) => registerRow(task.id, element)}
      data-task-id={task.id}
      data-testid={`task-row-${task.name}`}
      tabIndex={focusable ? 0 : -1}
      selected={active}
      aria-current={active ? 'true' : undefined}
      hover
      aria-label={t('grid.rowLabel', { sentence: task.sentence })}
      onFocus={(event) => {
        if (event.target === event.currentTarget) onActivate(task.id);
      }}
      onClick={() => onActivate(task.id)}
      onKeyDown={onKeyDown}
      sx={[
        {
          cursor: 'pointer',
          '&:focus-visible': { outline: 2, outlineColor: 'primary.main', outlineStyle: 'solid', outlineOffset: -2 },
        },
        notAnalyzed && { bgcolor: 'action.hover' },
        rowSx(safeRuleColor(task.state?.color)),
      ]}
    >
      <TableCell role="cell" title={task.sentence} sx={[{ minWidth: 170, gridArea: 'task' }, oneLine]}>
        <Typography variant="body2" sx={{ fontWeight: 600 }}>
          {task.sentence}
        </Typography>
        <Typography variant="caption" component="div" sx={[{ fontFamily: 'monospace' }, notCompact]}>
          {task.name}
        </Typography>
        <Typography variant="caption" component="div">
          <Box component="span" sx={notCompact}>
            <OutcomeTypeLabel task={task} />
          </Box>
          {notAnalyzed ? <Chip component="span" label={t('grid.notAnalyzed')} size="small" variant="outlined" sx={{ ml: 1, height: 18 }} /> : null}
          {hasDraft ? <Chip component="span" label={t('grid.draft')} size="small" color="warning" sx={{ ml: 1, height: 18 }} /> : null}
        </Typography>
      </TableCell>
      <TableCell role="cell" sx={[{ minWidth: 110, gridArea: 'value' }, inlineOnPhone, oneLine]}>
        {/* On the compact line the AI and corrected values say it all (the effective one is the latter, else the former). */}
        <Typography variant="body2" sx={[{ fontWeight: 600 }, notCompact]}>
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
      <TableCell role="cell" sx={[{ minWidth: 140, gridArea: 'message' }, inlineOnPhone, oneLine]}>
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
          [COMPACT]: { px: 0.5 },
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
}
