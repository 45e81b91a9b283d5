'use client';

import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import FormControlLabel from '@mui/material/FormControlLabel';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import Typography from '@mui/material/Typography';
import { useTranslations } from 'next-intl';
import NextLink from 'next/link';
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import useSWR from 'swr';
import { adoptIdKeyedDrafts, listDraftTasks } from './correction/correction-draft';
import { roleAtLeast, type Role } from '@/lib/shared/roles';
import { allTasks, type CorrectionResponse, type ReasonCodeDto, type TaskDto, type TaskGroupWithTasksDto, type WorkOrderDto, type WorkOrderPageDto } from '@/lib/shared/work-order-dto';
import { ApiError, fetchJson, REASON_CODES_URL, reviewUrl, setReviewStatus, workOrderUrl, type ReviewStateDto } from '@/lib/client/api';
import { useBeforeUnload } from '@/lib/client/use-before-unload';
import { AnalyzeDialog } from './AnalyzeDialog';
import { CorrectionDialog } from './correction/CorrectionDialog';
import { CorrectionHistoryDialog } from './correction/CorrectionHistoryDialog';
import { DeleteWorkOrderDialog } from './DeleteWorkOrderDialog';
import { EditWorkOrderDialog } from './EditWorkOrderDialog';
import { safeReturnPath } from './format';
import { MetadataDialog } from './MetadataDialog';
import { PhotoPanel } from './PhotoPanel';
import { ShortcutsDialog } from './ShortcutsDialog';
import { TaskGrid, visuallyHidden } from './TaskGrid';
import { Timeline } from './Timeline';
import { WorkOrderHeader } from './WorkOrderHeader';

type OpenDialog =
  | { kind: 'correct'; taskId: string; preset?: boolean }
  | { kind: 'history'; taskId: string }
  | { kind: 'analyze'; groupName: string }
  | { kind: 'edit' }
  | { kind: 'metadata' }
  | { kind: 'delete' }
  | { kind: 'shortcuts' };

function reasonCodesFrom(body: unknown): ReasonCodeDto[] {
  if (Array.isArray(body)) return body as ReasonCodeDto[];
  if (body && typeof body === 'object') {
    const record = body as Record<string, unknown>;
    for (const key of ['reasonCodes', 'codes', 'items']) if (Array.isArray(record[key])) return record[key] as ReasonCodeDto[];
  }
  return [];
}

function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return !!target.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"], [role="combobox"], [role="listbox"], [role="menu"]');
}

function sessionStore(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

const DRAFTS_CHANGED = 'field-review:drafts-changed';

/**
 * Tasks with a kept correction draft, by `taskKey` (sessionStorage is an external store: read
 * it as one).
 */
function useDraftTasks(workOrderId: string): ReadonlySet<string> {
  const joined = useSyncExternalStore(
    (onChange) => {
      window.addEventListener(DRAFTS_CHANGED, onChange);
      window.addEventListener('storage', onChange);
      return () => {
        window.removeEventListener(DRAFTS_CHANGED, onChange);
        window.removeEventListener('storage', onChange);
      };
    },
    () => listDraftTasks(sessionStore(), workOrderId).join('\n'),
    () => '',
  );
  return useMemo(() => new Set(joined ? joined.split('\n') : []), [joined]);
}

export interface WorkOrderViewProps {
  initial: WorkOrderPageDto;
  role: Role;
  /** The list URL the user came from (`?from=`), unchecked. */
  from: string | null;
  initialReview: ReviewStateDto | null;
}

export function WorkOrderView({ initial, role, from, initialReview }: WorkOrderViewProps) {
  const t = useTranslations('workOrder');
  const tTasks = useTranslations('tasks');
  const workOrderId = initial.workOrder.id;
  const returnPath = safeReturnPath(from);
  const canCorrect = roleAtLeast(role, 'supervisor');
  const canDelete = roleAtLeast(role, 'admin');

  const { data, mutate, error: refreshError } = useSWR<WorkOrderPageDto>(workOrderUrl(workOrderId), fetchJson, {
    fallbackData: initial,
    revalidateOnMount: false,
    revalidateOnFocus: false,
  });
  const page = data ?? initial;
  const workOrder = page.workOrder;

  const { data: review, mutate: mutateReview } = useSWR<ReviewStateDto | null>(reviewUrl(workOrderId, returnPath), fetchJson, {
    fallbackData: initialReview,
    revalidateOnMount: initialReview === null,
    revalidateOnFocus: false,
    shouldRetryOnError: false,
  });
  const { data: reasonCodesBody } = useSWR<unknown>(canCorrect ? REASON_CODES_URL : null, fetchJson, { revalidateOnFocus: false });
  const reasonCodes = useMemo(() => reasonCodesFrom(reasonCodesBody), [reasonCodesBody]);

  const [notValidatedOnly, setNotValidatedOnly] = useState(false);
  const [correctedOnly, setCorrectedOnly] = useState(false);
  const [activeTaskId, setActiveTaskId] = useState<string | null>(null);
  const [dialog, setDialog] = useState<OpenDialog | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [reviewBusy, setReviewBusy] = useState(false);
  const [reviewError, setReviewError] = useState<string | null>(null);
  const [nextWorkOrderId, setNextWorkOrderId] = useState<string | null>(null);
  const rows = useRef(new Map<string, HTMLTableRowElement>());

  const announce = useCallback((message: string) => {
    // Clearing first makes screen readers repeat an identical message.
    setAnnouncement('');
    window.setTimeout(() => setAnnouncement(message), 50);
  }, []);

  const draftTasks = useDraftTasks(workOrderId);
  const refreshDrafts = useCallback(() => window.dispatchEvent(new Event(DRAFTS_CHANGED)), []);

  // Drafts an earlier version kept under task ids: moved to the names key of the task that
  // still has that id, dropped when no task of the work order as read now has it.
  useEffect(() => {
    if (adoptIdKeyedDrafts(sessionStore(), workOrderId, allTasks(workOrder))) refreshDrafts();
  }, [workOrderId, workOrder, refreshDrafts]);

  // A kept draft is an unsaved intent: leaving the page asks first.
  useBeforeUnload(draftTasks.size > 0);

  const groups = useMemo(
    () =>
      workOrder.taskGroups
        .map((group) => ({
          ...group,
          tasks: group.tasks.filter((task) => (!notValidatedOnly || !task.validated) && (!correctedOnly || task.corrected)),
        }))
        .filter((group) => group.tasks.length > 0 || (!notValidatedOnly && !correctedOnly)),
    [workOrder.taskGroups, notValidatedOnly, correctedOnly],
  );
  const visibleTasks = useMemo(() => groups.flatMap((group) => group.tasks), [groups]);
  const taskById = useMemo(() => new Map(workOrder.taskGroups.flatMap((g) => g.tasks).map((task) => [task.id, task])), [workOrder.taskGroups]);

  const describeTask = useCallback(
    (task: TaskDto, index: number) => {
      const value = task.effectiveValue === null ? tTasks('value.none') : typeof task.effectiveValue === 'boolean' ? tTasks(task.effectiveValue ? 'value.true' : 'value.false') : String(task.effectiveValue);
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
      rows.current.get(task.id)?.focus();
      announce(describeTask(task, index));
    },
    [visibleTasks, announce, describeTask],
  );

  const openCorrection = useCallback(
    (task: TaskDto, preset?: boolean) => {
      if (!canCorrect || !task.analyzed) return;
      setActiveTaskId(task.id);
      setDialog({ kind: 'correct', taskId: task.id, preset });
    },
    [canCorrect],
  );

  const changeReview = useCallback(
    async (status: 'reviewed' | 'to_review') => {
      if (!canCorrect || reviewBusy) return;
      setReviewBusy(true);
      setReviewError(null);
      try {
        const next = await setReviewStatus(workOrderId, status, returnPath);
        await mutateReview(next, { revalidate: false });
        setNextWorkOrderId(status === 'reviewed' ? (next.nextId ?? null) : null);
        announce(status === 'reviewed' ? t('review.markedReviewed') : t('review.reopened'));
        void mutate();
      } catch (error) {
        const message = error instanceof ApiError && error.body?.message ? error.body.message : t('review.failed');
        setReviewError(message);
        announce(message);
      } finally {
        setReviewBusy(false);
      }
    },
    [announce, canCorrect, mutate, mutateReview, returnPath, reviewBusy, t, workOrderId],
  );

  // Keyboard-first review: J/K move, R marks reviewed, ? shows the keys. Enter/Y/N live on the rows.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
      if (dialog || isTypingTarget(event.target)) return;
      const key = event.key;
      const index = visibleTasks.findIndex((task) => task.id === activeTaskId);
      if (key === 'j' || key === 'J') {
        event.preventDefault();
        moveTo(index < 0 ? 0 : Math.min(visibleTasks.length - 1, index + 1));
      } else if (key === 'k' || key === 'K') {
        event.preventDefault();
        moveTo(index < 0 ? 0 : Math.max(0, index - 1));
      } else if (key === '?') {
        event.preventDefault();
        setDialog({ kind: 'shortcuts' });
      } else if ((key === 'r' || key === 'R') && canCorrect && review?.status !== 'reviewed') {
        event.preventDefault();
        void changeReview('reviewed');
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [dialog, visibleTasks, activeTaskId, moveTo, canCorrect, review?.status, changeReview]);

  const closeDialog = useCallback(() => {
    const closing = dialog;
    setDialog(null);
    refreshDrafts();
    // Give focus back to the task the dialog was about.
    if (closing && 'taskId' in closing) window.setTimeout(() => rows.current.get(closing.taskId)?.focus(), 0);
  }, [dialog, refreshDrafts]);

  const replaceWorkOrder = useCallback(
    (next: WorkOrderDto | null) => {
      if (next) void mutate((current) => (current ? { ...current, workOrder: next } : current), { revalidate: true });
      else void mutate();
    },
    [mutate],
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

  /**
   * Brings a task group's photos into view and puts the focus on its first photo (else its first
   * control). Centred, not at the top: the app bar would cover the group's heading.
   */
  const showGroupPhotos = useCallback((group: TaskGroupWithTasksDto) => {
    const section = document.getElementById(`photos-${group.id}`)?.closest('section');
    if (!section) return;
    const target = section.querySelector<HTMLElement>('[data-testid="work-order-input"] button') ?? section.querySelector<HTMLElement>('button');
    (target ?? section).scrollIntoView({ block: 'center' });
    target?.focus({ preventScroll: true });
  }, []);

  const dialogTask = dialog && 'taskId' in dialog ? taskById.get(dialog.taskId) : undefined;
  const analyzeGroup = dialog?.kind === 'analyze' ? workOrder.taskGroups.find((g) => g.name === dialog.groupName) : undefined;
  const fromQuery = returnPath ? `?from=${encodeURIComponent(returnPath)}` : '';

  return (
    <Stack spacing={3} sx={{ pb: 6 }}>
      <Box aria-live="polite" aria-atomic="true" role="status" sx={visuallyHidden} data-testid="live-region">
        {announcement}
      </Box>
      <WorkOrderHeader
        workOrder={workOrder}
        review={review ?? null}
        returnPath={returnPath ?? '/work-orders'}
        cameFromSearch={!!returnPath}
        canReview={canCorrect}
        canEdit={canCorrect}
        canDelete={canDelete}
        reviewBusy={reviewBusy}
        onMarkReviewed={() => void changeReview('reviewed')}
        onReopen={() => void changeReview('to_review')}
        onEdit={() => setDialog({ kind: 'edit' })}
        onEditMetadata={() => setDialog({ kind: 'metadata' })}
        onDelete={() => setDialog({ kind: 'delete' })}
        onShortcuts={() => setDialog({ kind: 'shortcuts' })}
      />
      {reviewError ? (
        <Alert severity="error" onClose={() => setReviewError(null)}>
          {reviewError}
        </Alert>
      ) : null}
      {nextWorkOrderId ? (
        <Alert
          severity="success"
          action={
            <Button component={NextLink} href={`/work-orders/${encodeURIComponent(nextWorkOrderId)}${fromQuery}`} color="inherit" size="small">
              {t('review.next')}
            </Button>
          }
        >
          {t('review.markedReviewed')}
        </Alert>
      ) : null}
      {refreshError ? (
        <Alert severity="warning" action={<Button color="inherit" size="small" onClick={() => void mutate()}>{t('refreshRetry')}</Button>}>
          {t('refreshFailed')}
        </Alert>
      ) : null}

      <Box sx={{ display: 'grid', gap: 3, gridTemplateColumns: { xs: 'minmax(0, 1fr)', lg: 'minmax(0, 2fr) minmax(0, 1fr)' }, alignItems: 'start' }}>
        <Paper component="section" variant="outlined" aria-labelledby="tasks-heading" sx={{ p: { xs: 1.5, sm: 2 }, minWidth: 0 }}>
          <Stack direction={{ xs: 'column', sm: 'row' }} sx={{ justifyContent: 'space-between', alignItems: { sm: 'center' }, mb: 2, gap: 1 }}>
            <Typography variant="h5" component="h2" id="tasks-heading">
              {t('sections.tasks')}
            </Typography>
            <Stack direction="row" sx={{ flexWrap: 'wrap' }}>
              <FormControlLabel control={<Switch checked={notValidatedOnly} onChange={(event) => setNotValidatedOnly(event.target.checked)} />} label={tTasks('filters.notValidated')} />
              <FormControlLabel control={<Switch checked={correctedOnly} onChange={(event) => setCorrectedOnly(event.target.checked)} />} label={tTasks('filters.corrected')} />
            </Stack>
          </Stack>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
            {t('keyboardHint')}
          </Typography>
          <TaskGrid
            groups={groups}
            activeTaskId={activeTaskId}
            canCorrect={canCorrect}
            draftTasks={draftTasks}
            onActivate={setActiveTaskId}
            onCorrect={openCorrection}
            onShowHistory={(task) => setDialog({ kind: 'history', taskId: task.id })}
            onShowPhotos={showGroupPhotos}
            registerRow={(taskId, element) => {
              if (element) rows.current.set(taskId, element);
              else rows.current.delete(taskId);
            }}
          />
        </Paper>
        <Paper component="section" variant="outlined" aria-labelledby="photos-heading" sx={{ p: { xs: 1.5, sm: 2 }, minWidth: 0, position: { lg: 'sticky' }, top: { lg: 16 }, maxHeight: { lg: 'calc(100vh - 32px)' }, overflowY: { lg: 'auto' } }}>
          <Typography variant="h5" component="h2" id="photos-heading" sx={{ mb: 2 }}>
            {t('sections.photos')}
          </Typography>
          <PhotoPanel workOrder={workOrder} selectedTaskId={activeTaskId} canAnalyze={canCorrect} onAddPhoto={(group) => setDialog({ kind: 'analyze', groupName: group.name })} />
        </Paper>
      </Box>

      <Paper component="section" variant="outlined" aria-labelledby="timeline-heading" sx={{ p: 2 }}>
        <Typography variant="h5" component="h2" id="timeline-heading" sx={{ mb: 1 }}>
          {t('sections.timeline')}
        </Typography>
        <Timeline entries={page.timeline} complete={page.timelineComplete} />
      </Paper>

      {dialog?.kind === 'correct' && dialogTask ? (
        <CorrectionDialog
          key={dialogTask.id}
          workOrder={workOrder}
          task={dialogTask}
          preset={dialog.preset}
          reasonCodes={reasonCodes}
          onClose={closeDialog}
          onSaved={onCorrectionSaved}
          onStale={() => void mutate()}
          announce={announce}
        />
      ) : null}
      {dialog?.kind === 'history' && dialogTask ? <CorrectionHistoryDialog workOrderId={workOrderId} task={dialogTask} onClose={closeDialog} /> : null}
      {dialog?.kind === 'analyze' && analyzeGroup ? (
        <AnalyzeDialog workOrder={workOrder} group={analyzeGroup} onClose={closeDialog} onAnalyzed={replaceWorkOrder} announce={announce} />
      ) : null}
      {dialog?.kind === 'edit' ? <EditWorkOrderDialog workOrder={workOrder} onClose={closeDialog} onSaved={onFormSaved} /> : null}
      {dialog?.kind === 'metadata' ? <MetadataDialog workOrder={workOrder} onClose={closeDialog} onSaved={onFormSaved} /> : null}
      {dialog?.kind === 'delete' ? <DeleteWorkOrderDialog workOrder={workOrder} returnPath={returnPath ?? '/work-orders'} onClose={closeDialog} /> : null}
      {dialog?.kind === 'shortcuts' ? <ShortcutsDialog onClose={closeDialog} /> : null}
    </Stack>
  );
}

