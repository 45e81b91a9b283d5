'use client';

import dynamic from 'next/dynamic';

/*
 * The work-order page's dialogs, each in its own chunk: none is open when the page loads, so
 * none is part of what the browser downloads and runs before the page is usable. Each is fetched
 * when first opened, or earlier by `preloadWorkOrderDialogs` (so a correction opened from the
 * keyboard does not wait on the network).
 */

const load = {
  correction: () => import('./correction/CorrectionDialog'),
  history: () => import('./correction/CorrectionHistoryDialog'),
  analyze: () => import('./analysis/AnalyzeDialog'),
  edit: () => import('./EditWorkOrderDialog'),
  metadata: () => import('./MetadataDialog'),
  delete: () => import('./DeleteWorkOrderDialog'),
  shortcuts: () => import('./ShortcutsDialog'),
  zoom: () => import('./ZoomDialog'),
};

export const CorrectionDialog = dynamic(() => load.correction().then((module) => module.CorrectionDialog));
export const CorrectionHistoryDialog = dynamic(() => load.history().then((module) => module.CorrectionHistoryDialog));
export const AnalyzeDialog = dynamic(() => load.analyze().then((module) => module.AnalyzeDialog));
export const EditWorkOrderDialog = dynamic(() => load.edit().then((module) => module.EditWorkOrderDialog));
export const MetadataDialog = dynamic(() => load.metadata().then((module) => module.MetadataDialog));
export const DeleteWorkOrderDialog = dynamic(() => load.delete().then((module) => module.DeleteWorkOrderDialog));
export const ShortcutsDialog = dynamic(() => load.shortcuts().then((module) => module.ShortcutsDialog));
export const ZoomDialog = dynamic(() => load.zoom().then((module) => module.ZoomDialog));

/** Fetches every dialog's chunk now (once; later calls reuse the same requests). */
export function preloadWorkOrderDialogs(): void {
  for (const loader of Object.values(load)) void loader().catch(() => undefined);
}
