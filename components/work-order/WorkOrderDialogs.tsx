'use client';

import {
  AnalyzeDialog,
  CorrectionDialog,
  CorrectionHistoryDialog,
  DeleteWorkOrderDialog,
  EditWorkOrderDialog,
  MetadataDialog,
  ShortcutsDialog,
} from './lazy-dialogs';
import type { WorkOrderPage } from './use-work-order-page';

/** The one dialog open over the work-order page, if any (each loaded on first use: `lazy-dialogs.ts`). */
export function WorkOrderDialogs({ controller }: { controller: WorkOrderPage }) {
  const { dialog, dialogTask, analyzeGroup, workOrder, returnPath, closeDialog } = controller;
  if (!dialog) return null;
  switch (dialog.kind) {
    case 'correct':
      return dialogTask ? (
        <CorrectionDialog
          key={dialogTask.id}
          workOrder={workOrder}
          task={dialogTask}
          preset={dialog.preset}
          reasonCodes={controller.reasonCodes}
          onClose={closeDialog}
          onSaved={controller.onCorrectionSaved}
          onStale={controller.refresh}
          announce={controller.announce}
        />
      ) : null;
    case 'history':
      return dialogTask ? <CorrectionHistoryDialog workOrderId={workOrder.id} task={dialogTask} onClose={closeDialog} /> : null;
    case 'analyze':
      return analyzeGroup ? (
        <AnalyzeDialog
          workOrder={workOrder}
          group={analyzeGroup}
          onClose={closeDialog}
          onAnalyzed={controller.replaceWorkOrder}
          announce={controller.announce}
        />
      ) : null;
    case 'edit':
      return <EditWorkOrderDialog workOrder={workOrder} onClose={closeDialog} onSaved={controller.onFormSaved} />;
    case 'metadata':
      return <MetadataDialog workOrder={workOrder} onClose={closeDialog} onSaved={controller.onFormSaved} />;
    case 'delete':
      return <DeleteWorkOrderDialog workOrder={workOrder} returnPath={returnPath ?? '/work-orders'} onClose={closeDialog} />;
    case 'shortcuts':
      return <ShortcutsDialog onClose={closeDialog} />;
  }
}
