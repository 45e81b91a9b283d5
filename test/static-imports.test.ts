import { describe, expect, it } from 'vitest';
import { staticImports } from './static-imports';

describe('staticImports', () => {
  it('follows static imports and leaves dynamic ones', () => {
    const { files, packages } = staticImports('components/work-order/lazy-dialogs.ts');
    expect(packages).toContain('next/dynamic');
    expect([...files]).toEqual(['components/work-order/lazy-dialogs.ts']);
  });

  it('follows @/ and relative paths', () => {
    const { files } = staticImports('components/work-order/photo-order.ts');
    expect(files).toEqual(new Set(['components/work-order/photo-order.ts']));
    expect(staticImports('components/work-order/WorkOrderDialogs.tsx').files).toContain('components/work-order/lazy-dialogs.ts');
  });
});
