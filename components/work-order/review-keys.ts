/**
 * Keyboard-first review of a work order, as rules: on the page J/K move between tasks, R marks
 * the work order reviewed and ? shows the keys; on a task's row Enter (or Space) corrects it (or
 * shows its history when it cannot be corrected) and Y/N correct a Boolean task to that value.
 * The hooks and rows only turn events into these answers.
 */
import type { TaskDto } from '@/lib/shared/work-order-dto';

/** Where keys are text, not shortcuts: fields, lists being chosen from, open menus. */
const TYPING_TARGETS = 'input, textarea, select, [contenteditable=""], [contenteditable="true"], [role="combobox"], [role="listbox"], [role="menu"]';

export function isTypingTarget(target: EventTarget | null): boolean {
  const element = target as Element | null;
  return typeof element?.closest === 'function' && element.closest(TYPING_TARGETS) !== null;
}

export interface KeyPress {
  key: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
}

/** Shortcuts are single keys: with Alt, Ctrl or Cmd the key belongs to the browser or the system. */
function withModifier(event: KeyPress): boolean {
  return event.altKey || event.ctrlKey || event.metaKey;
}

/**
 * A supervisor corrects a task once the AI has analysed it: the upstream refuses a correction
 * of a task that has no analysed value.
 */
export function canCorrectTask(canCorrect: boolean, task: Pick<TaskDto, 'analyzed'>): boolean {
  return canCorrect && task.analyzed;
}

export type PageKeyAction = 'next' | 'previous' | 'shortcuts' | 'markReviewed';

export function pageKeyAction(event: KeyPress, context: { canReview: boolean; reviewed: boolean }): PageKeyAction | null {
  if (withModifier(event)) return null;
  switch (event.key) {
    case 'j':
    case 'J':
      return 'next';
    case 'k':
    case 'K':
      return 'previous';
    case '?':
      return 'shortcuts';
    case 'r':
    case 'R':
      return context.canReview && !context.reviewed ? 'markReviewed' : null;
    default:
      return null;
  }
}

/** The task J or K moves to, from `index` (-1: none yet, so the first) among `count` tasks. */
export function stepTo(action: 'next' | 'previous', index: number, count: number): number {
  if (index < 0) return 0;
  return action === 'next' ? Math.min(count - 1, index + 1) : Math.max(0, index - 1);
}

export type RowKeyAction = { kind: 'correct'; preset?: boolean } | { kind: 'history' };

export function rowKeyAction(event: KeyPress, task: Pick<TaskDto, 'analyzed' | 'outcomeType'>, canCorrect: boolean): RowKeyAction | null {
  if (withModifier(event)) return null;
  const key = event.key.toLowerCase();
  const correctable = canCorrectTask(canCorrect, task);
  if (key === 'enter' || key === ' ') return correctable ? { kind: 'correct' } : { kind: 'history' };
  if ((key === 'y' || key === 'n') && correctable && task.outcomeType === 'Boolean') return { kind: 'correct', preset: key === 'y' };
  return null;
}
