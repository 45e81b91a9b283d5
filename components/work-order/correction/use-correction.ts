'use client';

import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useMemo, useReducer, useRef, useState, type KeyboardEvent } from 'react';
import { newIdempotencyKey, sendCorrection } from '@/lib/client/api';
import { useBeforeUnload } from '@/lib/client/use-before-unload';
import type { CorrectionResponse, ReasonCodeDto, TaskDto, WorkOrderDto } from '@/lib/shared/work-order-dto';
import { browserDraftStorage, clearDraft, isMeaningfulDraft, loadDraft, saveDraft, type CorrectionDraft } from './correction-draft';
import {
  activeReasonCodes,
  announcementFor,
  booleanForKey,
  currentInput,
  draftOf,
  initialInput,
  isTaskDto,
  previewFor,
  reasonLabel,
  restoreEvent,
} from './correction-form';
import {
  canRetry,
  correctionReducer,
  eventForResponse,
  hasChangesToKeep,
  initialCorrectionState,
  isEditable,
  validateCorrection,
  type CorrectionFields,
  type CorrectionState,
} from './correction-machine';

export interface CorrectionProps {
  workOrder: WorkOrderDto;
  task: TaskDto;
  /** A Boolean value chosen with Y/N before opening. */
  preset?: boolean;
  reasonCodes: ReasonCodeDto[];
  onClose(): void;
  onSaved(response: CorrectionResponse): void;
  /** Someone else changed the task: the page should re-read the work order. */
  onStale(): void;
  announce(message: string): void;
}

/** Focus is elsewhere than a field that takes typing (where Y and N are letters). */
function isTypingTarget(target: EventTarget): boolean {
  return target instanceof HTMLElement && !!target.closest('input, textarea, select, [contenteditable="true"], [role="combobox"], [role="listbox"]');
}

/**
 * The behaviour of the correction dialog: the state machine, the draft kept in the tab's
 * storage, the PATCH, the preview, the Y/N keys and where the focus goes. The dialog only
 * renders what this returns.
 */
export function useCorrection({ workOrder, task, preset, reasonCodes, onClose, onSaved, onStale, announce }: CorrectionProps) {
  const t = useTranslations('correction');
  const tTasks = useTranslations('tasks');
  // Drafts are kept under the task's names (its id changes when the application version does).
  const draftTask = useMemo(() => ({ id: task.id, taskGroupName: task.taskGroupName, name: task.name }), [task.id, task.taskGroupName, task.name]);
  // Open: offer a kept draft back, else start from the current value (or the Y/N preset). The
  // dialog only ever renders in the browser (after a click or key), so storage is readable here.
  const [offeredDraft, setOfferedDraft] = useState<CorrectionDraft | null>(() => {
    const draft = loadDraft(browserDraftStorage(), workOrder.id, draftTask);
    return isMeaningfulDraft(draft) ? draft : null;
  });
  const [state, dispatch] = useReducer(correctionReducer, null, () => {
    const initial = initialCorrectionState(task.outcomeType, true);
    return offeredDraft ? initial : correctionReducer(initial, { type: 'OPEN', baseVersion: task.version, initialInput: initialInput(task, preset) });
  });
  // The task the correction is made against: theirs after a conflict + overwrite; once saved,
  // the task as saved.
  const [baseTask, setBaseTask] = useState<TaskDto>(task);
  const inFlight = useRef(false);
  // The button to act on next (Send, Done, Keep theirs) takes the focus when its step appears,
  // so the whole flow works from the keyboard; `autoFocus` loses to the dialog's focus trap.
  const nextAction = useRef<HTMLButtonElement>(null);
  const changed = hasChangesToKeep(state, currentInput(task));

  // Keep the draft while there is an unsaved intent; none for a form opened and left untouched
  // (that would mark the task as holding a draft).
  useEffect(() => {
    if (changed) saveDraft(browserDraftStorage(), workOrder.id, draftTask, draftOf(state));
    else if (state.status === 'editing') clearDraft(browserDraftStorage(), workOrder.id, draftTask);
  }, [state, changed, workOrder.id, draftTask]);

  useEffect(() => {
    if (!['confirming', 'saved', 'conflict'].includes(state.status)) return;
    const timer = window.setTimeout(() => nextAction.current?.focus(), 0);
    return () => window.clearTimeout(timer);
  }, [state.status]);

  // Leaving with an unsaved or pending value asks first.
  useBeforeUnload(changed);

  const send = useCallback(
    async (current: CorrectionState, key: string) => {
      if (inFlight.current) return;
      const { value } = validateCorrection(current);
      if (value === null) return;
      inFlight.current = true;
      announce(t('status.sending'));
      const response = await sendCorrection(workOrder.id, task.id, {
        value,
        reason: current.reason,
        comment: current.comment,
        baseVersion: current.baseVersion,
        idempotencyKey: key,
      });
      inFlight.current = false;
      const event = eventForResponse(response.status, response.body, response.retryAfter);
      dispatch(event);
      if (event.type === 'SUCCEEDED') {
        clearDraft(browserDraftStorage(), workOrder.id, draftTask);
        const result = response.body as CorrectionResponse;
        // The dialog's "Now:" line shows what Deepomatic holds from here on: the saved value.
        if (isTaskDto(result.task)) setBaseTask(result.task);
        announce(t('status.saved', { score: result.progressScore }));
        onSaved(result);
      } else if (event.type === 'CONFLICT') {
        if (isTaskDto(event.conflict.theirs)) setBaseTask(event.conflict.theirs);
        announce(t('conflict.title'));
        onStale();
      } else {
        announce(t(announcementFor(event)));
      }
    },
    [announce, draftTask, onSaved, onStale, t, task.id, workOrder.id],
  );

  const edit = (field: keyof CorrectionFields, value: string) => dispatch({ type: 'EDIT', field, value });

  const actions = {
    setValue: (value: string) => edit('input', value),
    setReason: (value: string) => edit('reason', value),
    setComment: (value: string) => edit('comment', value),
    review: () => dispatch({ type: 'REVIEW' }),
    back: () => dispatch({ type: 'BACK' }),
    overwrite: () => dispatch({ type: 'OVERWRITE' }),
    confirm: () => {
      if (state.status !== 'confirming') return;
      const key = state.idempotencyKey ?? newIdempotencyKey();
      dispatch({ type: 'SEND', newKey: key });
      void send(state, key);
    },
    retry: () => {
      if (!canRetry(state) || !state.idempotencyKey) return;
      dispatch({ type: 'RETRY' });
      void send(state, state.idempotencyKey);
    },
    discard: () => {
      clearDraft(browserDraftStorage(), workOrder.id, draftTask);
      dispatch({ type: 'CANCEL' });
      onClose();
    },
    keepTheirs: () => {
      clearDraft(browserDraftStorage(), workOrder.id, draftTask);
      dispatch({ type: 'KEEP_THEIRS' });
      announce(t('conflict.keptTheirs'));
      onClose();
    },
    /** Close without discarding (the draft stays); never while a request's answer is pending. */
    close: () => {
      if (state.status === 'sending') return;
      onClose();
    },
    restoreDraft: () => {
      if (!offeredDraft) return;
      dispatch(restoreEvent(offeredDraft));
      setOfferedDraft(null);
      announce(t('draft.restored'));
    },
    discardDraft: () => {
      clearDraft(browserDraftStorage(), workOrder.id, draftTask);
      setOfferedDraft(null);
      dispatch({ type: 'OPEN', baseVersion: task.version, initialInput: initialInput(task, preset) });
    },
    /** Y / N choose the Boolean value when focus is not in a text field. */
    onKeyDown: (event: KeyboardEvent<HTMLElement>) => {
      if (isTypingTarget(event.target) || event.altKey || event.ctrlKey || event.metaKey) return;
      const value = booleanForKey(event.key, task.outcomeType, state);
      if (value === null) return;
      event.preventDefault();
      actions.setValue(value);
      announce(t('announce.valueSet', { value: tTasks(value === 'true' ? 'value.true' : 'value.false') }));
    },
  };

  const preview = useMemo(() => previewFor(workOrder, baseTask, state), [workOrder, baseTask, state]);
  const activeReasons = useMemo(() => activeReasonCodes(reasonCodes), [reasonCodes]);

  return {
    task,
    state,
    baseTask,
    offeredDraft,
    preview,
    activeReasons,
    reasonLabel: reasonLabel(reasonCodes, state.reason),
    editable: isEditable(state.status),
    canRetry: canRetry(state),
    /** Whether the validation found this problem with what is typed. */
    hasIssue: (issue: CorrectionState['issues'][number]) => state.issues.includes(issue),
    nextAction,
    actions,
  };
}

export type CorrectionController = ReturnType<typeof useCorrection>;
