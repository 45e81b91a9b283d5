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

// `ssr: false`: dialogs only ever open in the browser, and client-only gives each its own
// Suspense boundary, so while a dialog's code loads nothing else on the page is hidden (with
// server rendering on, the page's loading boundary would replace the page and take the focus).
export const CorrectionDialog = dynamic(() => load.correction().then((module) => module.CorrectionDialog), { ssr: false });
export const CorrectionHistoryDialog = dynamic(() => load.history().then((module) => module.CorrectionHistoryDialog), { ssr: false });
export const AnalyzeDialog = dynamic(() => load.analyze().then((module) => module.AnalyzeDialog), { ssr: false });
export const EditWorkOrderDialog = dynamic(() => load.edit().then((module) => module.EditWorkOrderDialog), { ssr: false });
export const MetadataDialog = dynamic(() => load.metadata().then((module) => module.MetadataDialog), { ssr: false });
export const DeleteWorkOrderDialog = dynamic(() => load.delete().then((module) => module.DeleteWorkOrderDialog), { ssr: false });
export const ShortcutsDialog = dynamic(() => load.shortcuts().then((module) => module.ShortcutsDialog), { ssr: false });
export const ZoomDialog = dynamic(() => load.zoom().then((module) => module.ZoomDialog), { ssr: false });

/** Fetches every dialog's chunk now (once; later calls reuse the same requests). */
export function preloadWorkOrderDialogs(): void {
  for (const loader of Object.values(load)) void loader().catch(() => undefined);
}
