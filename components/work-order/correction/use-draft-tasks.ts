'use client';

import { useCallback, useEffect, useMemo, useSyncExternalStore } from 'react';
import { useBeforeUnload } from '@/lib/client/use-before-unload';
import { allTasks, type WorkOrderDto } from '@/lib/shared/work-order-dto';
import { adoptIdKeyedDrafts, browserDraftStorage, listDraftTasks } from './correction-draft';

/** Sent on this window when a dialog may have kept or dropped a draft (`storage` events only come from other tabs). */
const DRAFTS_CHANGED = 'field-review:drafts-changed';

function subscribe(onChange: () => void): () => void {
  window.addEventListener(DRAFTS_CHANGED, onChange);
  window.addEventListener('storage', onChange);
  return () => {
    window.removeEventListener(DRAFTS_CHANGED, onChange);
    window.removeEventListener('storage', onChange);
  };
}

/**
 * The tasks of a work order that hold a kept correction draft, by `taskKey` (the tab's storage
 * is an external store: read it as one). `refreshDrafts` reads it again after a dialog closes.
 * While any draft is kept, leaving the page asks first: a draft is an unsaved intent.
 */
export function useDraftTasks(workOrder: WorkOrderDto) {
  const workOrderId = workOrder.id;
  const joined = useSyncExternalStore(
    subscribe,
    () => listDraftTasks(browserDraftStorage(), workOrderId).join('\n'),
    () => '',
  );
  const draftTasks: ReadonlySet<string> = useMemo(() => new Set(joined ? joined.split('\n') : []), [joined]);
  const refreshDrafts = useCallback(() => window.dispatchEvent(new Event(DRAFTS_CHANGED)), []);

  // Drafts an earlier version kept under task ids: moved to the names key of the task that
  // still has that id, dropped when no task of the work order as read now has it.
  useEffect(() => {
    if (adoptIdKeyedDrafts(browserDraftStorage(), workOrderId, allTasks(workOrder))) refreshDrafts();
  }, [workOrderId, workOrder, refreshDrafts]);

  useBeforeUnload(draftTasks.size > 0);

  return { draftTasks, refreshDrafts };
}
