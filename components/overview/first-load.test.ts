import { describe, expect, it } from 'vitest';
import { staticImports } from '@/test/static-imports';

describe("the overview's first load", () => {
  it('holds no charts library: charts load when they come near the screen', () => {
    const { files, packages } = staticImports('components/overview/OverviewView.tsx');
    expect(files).toContain('components/overview/ScoreHistogram.tsx');
    expect([...packages].filter((name) => name.startsWith('@mui/x-charts'))).toEqual([]);
  });
});
