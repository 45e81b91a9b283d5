'use client';

import { useTranslations } from 'next-intl';
import { useCallback, useMemo, useState } from 'react';
import useSWR from 'swr';
import { fetchJson, REASON_CODES_URL, timelineUrl, workOrderUrl, type ReviewStateDto } from '@/lib/client/api';
import { roleAtLeast, type Role } from '@/lib/shared/roles';
import type { CorrectionResponse, TaskDto, TaskGroupWithTasksDto, TimelineDto, WorkOrderDto, WorkOrderPageDto } from '@/lib/shared/work-order-dto';
import { useDraftTasks } from './correction/use-draft-tasks';
import { safeReturnPath } from './format';
import { canCorrectTask } from './review-keys';
import { useAnnouncer } from './use-announcer';
import { useDialogPreload } from './use-dialog-preload';
import { useReview } from './use-review';
import { useTaskNavigation } from './use-task-navigation';
import { filterTaskGroups, pageAfterChange, reasonCodesFrom, type OpenDialog, type TaskFilters } from './work-order-page';

/** How long the reason codes read once are used as they are (SWR reads again only after this). */
const REASON_CODES_KEPT_MS = 5 * 60_000;

export interface WorkOrderPageProps {
  initial: WorkOrderPageDto;
  role: Role;
  /** The list URL the user came from (`?from=`), unchecked. */
  from: string | null;
  initialReview: ReviewStateDto | null;
}

/**
 * The behaviour of the work-order page: the work order (rendered by the server, replaced by
 * what each change answers, its timeline then read again), the review state, the reason codes,
 * the task filters, the open dialog, keyboard review and what the live region says.
 * `WorkOrderView` renders what this returns.
 */
export function useWorkOrderPage({ initial, role, from, initialReview }: WorkOrderPageProps) {
  const t = useTranslations('workOrder');
  const workOrderId = initial.workOrder.id;
  const returnPath = safeReturnPath(from);
  const canCorrect = roleAtLeast(role, 'supervisor');
  const canDelete = roleAtLeast(role, 'admin');

  const {
    data,
    mutate,
    error: refreshError,
  } = useSWR<WorkOrderPageDto>(workOrderUrl(workOrderId), fetchJson, {
    fallbackData: initial,
    revalidateOnMount: false,
    revalidateOnFocus: false,
  });
  const page = data ?? initial;
  const workOrder = page.workOrder;
  const refresh = useCallback(() => void mutate(), [mutate]);

  // Reason codes change when an admin edits them, rarely: one read serves every work order the
  // user opens in the next few minutes (a request saved per opening; a failed read is retried).
  const { data: reasonCodesBody } = useSWR<unknown>(canCorrect ? REASON_CODES_URL : null, fetchJson, {
    revalidateOnFocus: false,
    dedupingInterval: REASON_CODES_KEPT_MS,
  });
  const reasonCodes = useMemo(() => reasonCodesFrom(reasonCodesBody), [reasonCodesBody]);

  const { announcement, announce } = useAnnouncer();
  const review = useReview({ workOrderId, returnPath, initialReview, canReview: canCorrect, announce, onChanged: refresh });
  const { draftTasks, refreshDrafts } = useDraftTasks(workOrder);

  const [filters, setFilters] = useState<TaskFilters>({ notValidatedOnly: false, correctedOnly: false });
  const groups = useMemo(() => filterTaskGroups(workOrder.taskGroups, filters), [workOrder.taskGroups, filters]);
  const visibleTasks = useMemo(() => groups.flatMap((group) => group.tasks), [groups]);

  const [dialog, setDialog] = useState<OpenDialog | null>(null);
  useDialogPreload();
  const openShortcuts = useCallback(() => setDialog({ kind: 'shortcuts' }), []);
  const navigation = useTaskNavigation({
    visibleTasks,
    paused: dialog !== null,
    canReview: canCorrect,
    reviewed: review.reviewed,
    onShortcuts: openShortcuts,
    onMarkReviewed: review.markReviewed,
    announce,
  });
  const { setActiveTaskId, focusRow } = navigation;

  const openCorrection = useCallback(
    (task: TaskDto, preset?: boolean) => {
      if (!canCorrectTask(canCorrect, task)) return;
      setActiveTaskId(task.id);
      // A dialog already on its way (its code still loading) keeps the keys that follow.
      setDialog((current) => current ?? { kind: 'correct', taskId: task.id, preset });
    },
    [canCorrect, setActiveTaskId],
  );

  const closeDialog = useCallback(() => {
    const closing = dialog;
    setDialog(null);
    refreshDrafts();
    // Give focus back to the task the dialog was about.
    if (closing && 'taskId' in closing) focusRow(closing.taskId);
  }, [dialog, refreshDrafts, focusRow]);

  /**
   * A change answered with the work order as it is now: shown at once, and only its timeline
   * (which gained the change) is read again — not the whole work order a second time. Without
   * that answer, or when the timeline does not answer, the page is read again (a failure shows).
   */
  const replaceWorkOrder = useCallback(
    (next: WorkOrderDto | null) => {
      if (!next) {
        void mutate();
        return;
      }
      // The server's page is not in SWR's cache until a first read: start from what is shown.
      mutate(async (current) => pageAfterChange(current ?? page, next, await fetchJson<TimelineDto>(timelineUrl(workOrderId))), {
        optimisticData: (current) => pageAfterChange(current ?? page, next),
        rollbackOnError: false,
        revalidate: false,
      }).catch(() => mutate());
    },
    [mutate, workOrderId, page],
  );

  const onCorrectionSaved = useCallback(
    (response: CorrectionResponse) => {
      replaceWorkOrder(response.workOrder);
      refreshDrafts();
    },
    [replaceWorkOrder, refreshDrafts],
  );

  /** The edit and metadata dialogs both answer with the saved work order. */
  const onFormSaved = (next: WorkOrderDto) => {
    replaceWorkOrder(next);
    setDialog(null);
    announce(t('form.saved'));
  };

  const taskById = useMemo(
    () => new Map(workOrder.taskGroups.flatMap((group) => group.tasks).map((task) => [task.id, task])),
    [workOrder.taskGroups],
  );

  return {
    page,
    workOrder,
    returnPath,
    canCorrect,
    canDelete,
    refreshError,
    refresh,
    reasonCodes,
    announcement,
    announce,
    review,
    draftTasks,
    filters,
    setFilters,
    groups,
    navigation,
    dialog,
    setDialog,
    /** The task the open dialog is about, if it is about one. */
    dialogTask: dialog && 'taskId' in dialog ? taskById.get(dialog.taskId) : undefined,
    /** The task group the open analysis dialog adds a photo to. */
    analyzeGroup: dialog?.kind === 'analyze' ? workOrder.taskGroups.find((group) => group.name === dialog.groupName) : undefined,
    openCorrection,
    closeDialog,
    replaceWorkOrder,
    onCorrectionSaved,
    onFormSaved,
    showGroupPhotos,
  };
}

/**
 * Brings a task group's photos into view and puts the focus on its first photo (else its first
 * control). Centred, not at the top: the app bar would cover the group's heading.
 */
function showGroupPhotos(group: TaskGroupWithTasksDto): void {
  const section = document.getElementById(`photos-${group.id}`)?.closest('section');
  if (!section) return;
  const target = section.querySelector<HTMLElement>('[data-testid="work-order-input"] button') ?? section.querySelector<HTMLElement>('button');
  (target ?? section).scrollIntoView({ block: 'center' });
  target?.focus({ preventScroll: true });
}

export type WorkOrderPage = ReturnType<typeof useWorkOrderPage>;
