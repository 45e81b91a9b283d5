import type { Theme } from '@mui/material/styles';
import { visuallyHidden } from '@/components/layout/visually-hidden';

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

/** Which layout a grid of this width gets: what the container queries below say, in words a test can read. */
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

export const CARDS = widthRange('cards', 'wideCards');
export const WIDE_CARDS = widthRange('wideCards');
export const COMPACT = widthRange('compact');

export const tableSx = {
  [CARDS]: {
    display: 'block',
    // The column headers stay for screen readers (each cell is still announced with its header).
    '& thead': visuallyHidden,
    '& tbody': { display: 'grid', gap: 1.5 },
  },
  [COMPACT]: {
    // Fixed columns, so a long sentence or message is cut with an ellipsis instead of widening its row.
    tableLayout: 'fixed',
    '& th:nth-of-type(4), & td:nth-of-type(4)': { display: 'none' },
    // On the header cells and the first line's: the next groups' headers are not drawn, and every group's columns line up.
    '& :is(th, td):nth-of-type(2), & :is(th, td):nth-of-type(3)': { width: '27%' },
    '& :is(th, td):nth-of-type(5)': { width: 72 },
    '& th, & td': { py: 0, px: 1, verticalAlign: 'middle' },
  },
};

/** A cell of the compact table: one line, its parts side by side, cut with an ellipsis when too long. */
export const oneLine = {
  [COMPACT]: {
    minWidth: 0,
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    '& > *': { display: 'inline', mr: 1 },
  },
};

/** Left out of the compact table's line (it is in the full table, on a card and in the history dialog). */
// Doubled class: stronger than the cell's rule that lays its parts inline.
export const notCompact = { [COMPACT]: { '&&': { display: 'none' } } };

/** A task group and the next: apart, closer on the compact table. */
export const groupSx = {
  '& + &': { mt: 3 },
  // The column headers are shown once, above the first task group; the next ones keep them for screen readers.
  // Folded to no height rather than taken out of the table: the header row is what fixes the
  // columns' widths (fixed table layout), so every group's columns line up with the first's.
  [COMPACT]: {
    '& + &': { mt: 1 },
    '& + & thead th': { height: 0, py: 0, border: 0, fontSize: 0, lineHeight: 0, overflow: 'hidden' },
  },
};

/** A task group's heading: one line above its rows in the compact table. */
export const groupHeadingSx = {
  [COMPACT]: {
    mb: 0.5,
    '& img': { display: 'none' },
    '& .task-group-title': { display: 'flex', alignItems: 'baseline', columnGap: 1.5 },
    '& .task-group-title > h3': { typography: 'subtitle2', flex: 'none' },
    '& .task-group-title > p': { flex: '0 1 auto', minWidth: 0, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' },
    '& .task-group-title > a': { flex: 'none' },
  },
};

export const rowSx = (stateColor: string | null) => (theme: Theme) => ({
  [CARDS]: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr)',
    gridTemplateAreas: '"task" "value" "message" "flags" "actions"',
    rowGap: 1,
    p: 1.5,
    border: 1,
    borderColor: 'divider',
    borderRadius: 1,
    // The rule colour of the task's state, as the card's edge (the message chip says it in words).
    borderLeft: '6px solid',
    borderLeftColor: stateColor ?? theme.palette.divider,
    // Long sentences, names and values wrap inside the card (in the table they size the columns).
    '& > td': { minWidth: 0, p: 0, border: 0, overflowWrap: 'anywhere' },
  },
  // Wide enough (a tablet, a laptop's half): the actions beside the sentence, not a row of their own.
  [WIDE_CARDS]: {
    gridTemplateColumns: 'minmax(0, 1fr) auto',
    gridTemplateAreas: '"task actions" "value value" "message message" "flags flags"',
    columnGap: 2,
  },
  // The rule colour of the task's state, as the line's left edge.
  // The task J/K or a click landed on is outlined: a tint alone is lost among dense lines.
  [COMPACT]: {
    '& > td:first-of-type': { borderLeft: '4px solid', borderLeftColor: stateColor ?? 'transparent' },
    '&.Mui-selected': { outline: `2px solid ${theme.palette.primary.main}`, outlineOffset: -2 },
  },
});

/** Cells side by side, wrapping, on a card; unchanged in the table. */
export const inlineOnPhone = {
  [CARDS]: { display: 'flex', flexWrap: 'wrap', alignItems: 'baseline', columnGap: 1.5, rowGap: 0.25 },
};

/** Larger touch targets on a card; smaller buttons on the compact table's dense line. */
export const touchTarget = { [CARDS]: { p: 1.25 }, [COMPACT]: { p: 0.25 } };
