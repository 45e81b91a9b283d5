'use client';

import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { TaskDto } from '@/lib/shared/work-order-dto';
import { isTypingTarget, pageKeyAction, stepTo } from './review-keys';

/**
 * Moving through the tasks from the keyboard: the active task (highlighted, its photos shown),
 * its row taking the focus, J/K to the next or previous task with the task read out, R to mark
 * the work order reviewed and ? for the keys. Enter/Y/N live on the rows themselves.
 */
export function useTaskNavigation({
  visibleTasks,
  paused,
  canReview,
  reviewed,
  onShortcuts,
  onMarkReviewed,
  announce,
}: {
  /** The tasks shown, in order (the filters apply). */
  visibleTasks: readonly TaskDto[];
  /** A dialog is open: its keys are its own. */
  paused: boolean;
  canReview: boolean;
  reviewed: boolean;
  onShortcuts(): void;
  onMarkReviewed(): void;
  announce(message: string): void;
}) {
  const t = useTranslations('workOrder');
  const tTasks = useTranslations('tasks');
  const [activeTaskId, setActiveTaskId] = useState<string | null>(null);
  const rows = useRef(new Map<string, HTMLTableRowElement>());

  const describeTask = useCallback(
    (task: TaskDto, index: number) => {
      const value =
        task.effectiveValue === null
          ? tTasks('value.none')
          : typeof task.effectiveValue === 'boolean'
            ? tTasks(task.effectiveValue ? 'value.true' : 'value.false')
            : String(task.effectiveValue);
      return t('announce.task', {
        index: index + 1,
        total: visibleTasks.length,
        sentence: task.sentence,
        value,
        message: task.state?.message ?? '',
        validated: task.validated ? tTasks('grid.validatedShort') : tTasks('grid.notValidatedShort'),
      });
    },
    [t, tTasks, visibleTasks.length],
  );

  const moveTo = useCallback(
    (index: number) => {
      const task = visibleTasks[index];
      if (!task) return;
      setActiveTaskId(task.id);
      const row = rows.current.get(task.id);
      if (row) bringRowIntoView(row);
      announce(describeTask(task, index));
    },
    [visibleTasks, announce, describeTask],
  );

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || paused || isTypingTarget(event.target)) return;
      const action = pageKeyAction(event, { canReview, reviewed });
      if (!action) return;
      event.preventDefault();
      if (action === 'shortcuts') onShortcuts();
      else if (action === 'markReviewed') onMarkReviewed();
      else
        moveTo(
          stepTo(
            action,
            visibleTasks.findIndex((task) => task.id === activeTaskId),
            visibleTasks.length,
          ),
        );
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [paused, visibleTasks, activeTaskId, moveTo, canReview, reviewed, onShortcuts, onMarkReviewed]);

  const registerRow = useCallback((taskId: string, element: HTMLTableRowElement | null) => {
    if (element) rows.current.set(taskId, element);
    else rows.current.delete(taskId);
  }, []);

  /** Gives the focus back to a task's row (once the dialog about it has closed). */
  const focusRow = useCallback((taskId: string) => {
    window.setTimeout(() => rows.current.get(taskId)?.focus(), 0);
  }, []);

  return { activeTaskId, setActiveTaskId, registerRow, focusRow };
}

/**
 * Focuses a task's row. Beside the photos the tasks scroll in their own region: the row is brought
 * into view there with as little page scrolling as can be (none once the region is held below the
 * app bar), so the photos stay on screen. Elsewhere the browser's own scrolling on focus is kept.
 */
function bringRowIntoView(row: HTMLElement) {
  const region = row.closest<HTMLElement>(`[${TASK_REGION_ATTRIBUTE}]`);
  if (!region || getComputedStyle(region).overflowY !== 'auto') {
    row.focus();
    return;
  }
  row.focus({ preventScroll: true });
  row.scrollIntoView({ block: 'nearest' });
}

/** Marks the element the task rows scroll in when they have a region of their own. */
export const TASK_REGION_ATTRIBUTE = 'data-task-region';
