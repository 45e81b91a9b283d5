/**
 * Where the grid is narrower than its table needs (a phone, or a small laptop where the photos take
 * the right half) the same table is laid out as one card per task with CSS only: one DOM for every
 * width, so there is no hydration mismatch, no flash of the wrong layout, and the rows keep their
 * focus, keyboard shortcuts and accessible names. Table semantics are kept with explicit roles,
 * since some browsers drop them from tables restyled with `display`. A container query, not a
 * media query: what matters is the width the grid gets, not the screen's.
 *
 * Between the cards and the full table sits the compact table (a 1440 px laptop beside the photos):
 * one dense line per task — sentence, AI and corrected values, verdict, actions — so a reviewer sees
 * a dozen tasks and the photos at once. The bookkeeping column (counted in score, pushed, when, by
 * whom) is left out there; the task's history dialog has all of it.
 *
 * The layouts themselves are static CSS (TaskGrid.module.css); this file is where their widths are
 * decided, and the module's container queries must be exactly CARDS, WIDE_CARDS and COMPACT
 * below (task-grid-layout.test.ts checks it).
 */
export const GRID_CONTAINER = 'task-grid';

export type TaskGridLayout = 'cards' | 'wideCards' | 'compact' | 'table';

/** The grid widths (px, lower bound included) from which each layout applies, narrowest first. */
export const LAYOUT_FROM: ReadonlyArray<readonly [TaskGridLayout, number]> = [
  ['cards', 0],
  // Wide enough (a tablet): the card's actions beside its sentence, not a row of their own.
  ['wideCards', 560],
  ['compact', 680],
  ['table', 860],
];

/** Which layout a grid of this width gets: what the container queries say, in words a test can read. */
export function layoutForGridWidth(width: number): TaskGridLayout {
  let layout: TaskGridLayout = 'cards';
  for (const [name, from] of LAYOUT_FROM) if (width >= from) layout = name;
  return layout;
}

function widthRange(first: TaskGridLayout, last: TaskGridLayout = first): string {
  const start = LAYOUT_FROM.findIndex(([name]) => name === first);
  const end = LAYOUT_FROM.findIndex(([name]) => name === last);
  const min = LAYOUT_FROM[start]![1];
  const next = LAYOUT_FROM[end + 1]?.[1];
  const parts = [min > 0 ? `(min-width: ${min}px)` : null, next !== undefined ? `(max-width: ${next - 0.05}px)` : null].filter(Boolean);
  return `@container ${GRID_CONTAINER} ${parts.join(' and ')}`;
}

/** The container queries of TaskGrid.module.css, one per group of layouts. */
export const CARDS = widthRange('cards', 'wideCards');
export const WIDE_CARDS = widthRange('wideCards');
export const COMPACT = widthRange('compact');
