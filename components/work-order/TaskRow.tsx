'use client';

import { useTranslations } from 'next-intl';
import type { CSSProperties, KeyboardEvent } from 'react';
import type { TaskDto, TaskGroupWithTasksDto } from '@/lib/shared/work-order-dto';
import { safeRuleColor } from '@/components/tasks/MessageChip';
import { OutcomeTypeLabel } from '@/components/tasks/OutcomeTypeLabel';
import { TaskValueText } from '@/components/tasks/TaskValueText';
import { useDateFormat } from './format';
import { rowKeyAction } from './review-keys';
import { EditIcon, HistoryIcon, PhotoLibraryIcon } from './plain-icons';
import chip from './Chip.module.css';
import styles from './TaskGrid.module.css';

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

/**
 * One task: its sentence, value, message, flags and actions; a card when the grid is narrow.
 * Plain elements styled by the grid's CSS module: a work order has dozens of tasks, and MUI
 * components here cost server CPU (styles computed and inlined per row) and hydration time.
 */
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

  const ruleColor = safeRuleColor(task.state?.color);
  const rowClass = [styles.row, notAnalyzed && styles.notAnalyzed, active && styles.selected].filter(Boolean).join(' ');
  const correctLabel = t('grid.correctTask', { sentence: task.sentence });
  const historyLabel = t('grid.historyOf', { sentence: task.sentence });
  const photosLabel = t('grid.photosOf', { sentence: task.sentence });

  // Cells in a fixed order the CSS module lays out by position: task, value, message, bookkeeping, actions.
  return (
    <tr
      role="row"
      ref={(element) => registerRow(task.id, element)}
      data-task-id={task.id}
      data-testid={`task-row-${task.name}`}
      tabIndex={focusable ? 0 : -1}
      className={rowClass}
      style={ruleColor ? ({ '--rule-color': ruleColor } as CSSProperties) : undefined}
      aria-current={active ? 'true' : undefined}
      aria-label={t('grid.rowLabel', { sentence: task.sentence })}
      onFocus={(event) => {
        if (event.target === event.currentTarget) onActivate(task.id);
      }}
      onClick={() => onActivate(task.id)}
      onKeyDown={onKeyDown}
    >
      <td role="cell" title={task.sentence}>
        <p>{task.sentence}</p>
        <div className={`${styles.mono} ${styles.notCompact}`}>{task.name}</div>
        <div>
          <span className={styles.notCompact}>
            <OutcomeTypeLabel task={task} />
          </span>
          {notAnalyzed ? (
            <span className={`${chip.chip} ${chip.outlined} ${chip.dense} ${styles.rowChip}`}>
              <span className={chip.label}>{t('grid.notAnalyzed')}</span>
            </span>
          ) : null}
          {hasDraft ? (
            <span className={`${chip.chip} ${chip.warning} ${chip.dense} ${styles.rowChip}`}>
              <span className={chip.label}>{t('grid.draft')}</span>
            </span>
          ) : null}
        </div>
      </td>
      <td role="cell">
        {/* On the compact line the AI and corrected values say it all (the effective one is the latter, else the former). */}
        <p className={styles.notCompact}>
          {/* The column header is not shown on a card: say what the value is (screen readers get the header). */}
          <span aria-hidden className={styles.valueLabel}>
            {t('grid.valueLabel')}
          </span>
          <TaskValueText value={task.effectiveValue} />
        </p>
        <div>
          {t('grid.ai')} <TaskValueText value={task.state?.analyzedValue} />
        </div>
        <div>
          {t('grid.corrected')} <TaskValueText value={task.state?.correctedValue} />
        </div>
      </td>
      <td role="cell">
        <RuleMessage message={task.state?.message} />
        <div className={task.validated ? styles.validated : styles.notValidated} data-testid="task-validated">
          {task.validated ? t('grid.validatedShort') : t('grid.notValidatedShort')}
        </div>
      </td>
      <td role="cell">
        <div>
          {task.countedInScore ? t('grid.countedInScore') : t('grid.notCountedInScore')} ·{' '}
          {task.pushedToField ? t('grid.pushedToField') : t('grid.dashboardOnly')}
        </div>
        <div>
          {task.state && !task.state.updateDate ? t('grid.updatedUnknown') : t('grid.updatedAt', { when: formatDate(task.state?.updateDate) })}
        </div>
        {task.lastCorrection ? (
          <div>
            {t('grid.correctedBy', {
              who: task.lastCorrection.actorEmail ?? t('grid.someone'),
              outcome: t(`outcome.${task.lastCorrection.outcome}` as 'outcome.applied'),
            })}
          </div>
        ) : null}
      </td>
      <td role="cell">
        {/* Each button's tooltip is its accessible name, drawn by the CSS module on hover and keyboard focus. */}
        {canCorrect ? (
          <button
            type="button"
            className={`${styles.iconButton} ${styles.primary}`}
            disabled={notAnalyzed}
            tabIndex={active ? 0 : -1}
            onClick={(event) => {
              event.stopPropagation();
              onCorrect(task);
            }}
            aria-label={correctLabel}
          >
            <EditIcon />
          </button>
        ) : null}
        <button
          type="button"
          className={styles.iconButton}
          tabIndex={active ? 0 : -1}
          onClick={(event) => {
            event.stopPropagation();
            onShowHistory(task);
          }}
          aria-label={historyLabel}
        >
          <HistoryIcon />
        </button>
        {/* On a phone the photos are far below the tasks: a way there (and the task's boxes highlighted). */}
        <button
          type="button"
          className={`${styles.iconButton} ${styles.photos}`}
          tabIndex={active ? 0 : -1}
          onClick={(event) => {
            event.stopPropagation();
            onActivate(task.id);
            onShowPhotos(group);
          }}
          aria-label={photosLabel}
        >
          <PhotoLibraryIcon />
        </button>
      </td>
    </tr>
  );
}

/** The task's message beside its rule colour's swatch (the colour comes from the row's --rule-color). Customer text: text only. */
function RuleMessage({ message }: { message: string | null | undefined }) {
  if (!message) return <span aria-hidden className={styles.swatch} />;
  return (
    <span className={styles.message}>
      <span aria-hidden className={styles.swatch} />
      <span>{message}</span>
    </span>
  );
}
