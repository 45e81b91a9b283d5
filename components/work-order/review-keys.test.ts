import { describe, expect, it } from 'vitest';
import { canCorrectTask, isTypingTarget, pageKeyAction, rowKeyAction, stepTo, type KeyPress } from './review-keys';

const press = (key: string, modifiers: Partial<KeyPress> = {}): KeyPress => ({ key, altKey: false, ctrlKey: false, metaKey: false, ...modifiers });

describe('page keys', () => {
  const supervisor = { canReview: true, reviewed: false };

  it.each<[string, string | null]>([
    ['j', 'next'],
    ['J', 'next'],
    ['k', 'previous'],
    ['K', 'previous'],
    ['?', 'shortcuts'],
    ['r', 'markReviewed'],
    ['R', 'markReviewed'],
    ['x', null],
    ['Enter', null],
  ])('%s → %s', (key, action) => {
    expect(pageKeyAction(press(key), supervisor)).toBe(action);
  });

  it('R marks reviewed only for a reviewer, and only a work order still to review', () => {
    expect(pageKeyAction(press('r'), { canReview: false, reviewed: false })).toBeNull();
    expect(pageKeyAction(press('r'), { canReview: true, reviewed: true })).toBeNull();
  });

  it('leaves keys with Alt, Ctrl or Cmd to the browser', () => {
    expect(pageKeyAction(press('j', { ctrlKey: true }), supervisor)).toBeNull();
    expect(pageKeyAction(press('r', { metaKey: true }), supervisor)).toBeNull();
    expect(pageKeyAction(press('k', { altKey: true }), supervisor)).toBeNull();
  });
});

describe('J and K', () => {
  it('start at the first task, then move one at a time and stop at either end', () => {
    expect(stepTo('next', -1, 5)).toBe(0);
    expect(stepTo('previous', -1, 5)).toBe(0);
    expect(stepTo('next', 0, 5)).toBe(1);
    expect(stepTo('next', 4, 5)).toBe(4);
    expect(stepTo('previous', 3, 5)).toBe(2);
    expect(stepTo('previous', 0, 5)).toBe(0);
  });
});

describe('row keys', () => {
  const boolean = { analyzed: true, outcomeType: 'Boolean' as const };
  const number = { analyzed: true, outcomeType: 'Number' as const };
  const notAnalyzed = { analyzed: false, outcomeType: 'Boolean' as const };

  it('Enter and Space correct a task that can be corrected, else show its history', () => {
    expect(rowKeyAction(press('Enter'), number, true)).toEqual({ kind: 'correct' });
    expect(rowKeyAction(press(' '), number, true)).toEqual({ kind: 'correct' });
    expect(rowKeyAction(press('Enter'), number, false)).toEqual({ kind: 'history' });
    expect(rowKeyAction(press('Enter'), notAnalyzed, true)).toEqual({ kind: 'history' });
  });

  it('Y and N correct a Boolean task to that value', () => {
    expect(rowKeyAction(press('y'), boolean, true)).toEqual({ kind: 'correct', preset: true });
    expect(rowKeyAction(press('N'), boolean, true)).toEqual({ kind: 'correct', preset: false });
  });

  it('Y and N do nothing on a Number task, a task not analysed, or for a viewer', () => {
    expect(rowKeyAction(press('y'), number, true)).toBeNull();
    expect(rowKeyAction(press('y'), notAnalyzed, true)).toBeNull();
    expect(rowKeyAction(press('n'), boolean, false)).toBeNull();
  });

  it('leaves keys with Alt, Ctrl or Cmd to the browser', () => {
    expect(rowKeyAction(press('Enter', { ctrlKey: true }), boolean, true)).toBeNull();
    expect(rowKeyAction(press('y', { metaKey: true }), boolean, true)).toBeNull();
  });
});

describe('who may correct a task', () => {
  it('a supervisor, once the AI has analysed the task', () => {
    expect(canCorrectTask(true, { analyzed: true })).toBe(true);
    expect(canCorrectTask(true, { analyzed: false })).toBe(false);
    expect(canCorrectTask(false, { analyzed: true })).toBe(false);
  });
});

describe('typing targets', () => {
  const element = (matches: boolean) => ({ closest: () => (matches ? {} : null) }) as unknown as EventTarget;

  it('are fields and open lists, where keys are text', () => {
    expect(isTypingTarget(element(true))).toBe(true);
    expect(isTypingTarget(element(false))).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
  });
});
