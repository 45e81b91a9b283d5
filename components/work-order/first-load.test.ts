import { describe, expect, it } from 'vitest';
import { staticImports } from '@/test/static-imports';

const DIALOGS = [
  'components/work-order/correction/CorrectionDialog.tsx',
  'components/work-order/correction/CorrectionHistoryDialog.tsx',
  'components/work-order/analysis/AnalyzeDialog.tsx',
  'components/work-order/EditWorkOrderDialog.tsx',
  'components/work-order/MetadataDialog.tsx',
  'components/work-order/DeleteWorkOrderDialog.tsx',
  'components/work-order/ShortcutsDialog.tsx',
  'components/work-order/ZoomDialog.tsx',
];

describe("the work-order page's first load", () => {
  it('holds no dialog: each is loaded on first use', () => {
    const { files } = staticImports('components/work-order/WorkOrderView.tsx');
    expect(files).toContain('components/work-order/TaskGrid.tsx');
    expect(DIALOGS.filter((dialog) => files.has(dialog))).toEqual([]);
  });
});
