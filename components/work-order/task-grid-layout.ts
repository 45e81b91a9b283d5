import type { Theme } from '@mui/material/styles';
import { visuallyHidden } from '@/components/layout/visually-hidden';

/**
 * Where the grid is narrower than its table needs (a phone, or a laptop where the photos take the
 * right half) the same table is laid out as one card per task with CSS only: one DOM for every
 * width, so there is no hydration mismatch, no flash of the wrong layout, and the rows keep their
 * focus, keyboard shortcuts and accessible names. Table semantics are kept with explicit roles,
 * since some browsers drop them from tables restyled with `display`. A container query, not a
 * media query: what matters is the width the grid gets, not the screen's.
 */
export const GRID_CONTAINER = 'task-grid';
const TABLE_MIN_WIDTH = 860;
const CARD_ACTIONS_BESIDE_MIN_WIDTH = 560;
export const CARDS = `@container ${GRID_CONTAINER} (max-width: ${TABLE_MIN_WIDTH - 0.05}px)`;
export const WIDE_CARDS = `@container ${GRID_CONTAINER} (min-width: ${CARD_ACTIONS_BESIDE_MIN_WIDTH}px) and (max-width: ${TABLE_MIN_WIDTH - 0.05}px)`;

export const tableSx = {
  [CARDS]: {
    display: 'block',
    // The column headers stay for screen readers (each cell is still announced with its header).
    '& thead': visuallyHidden,
    '& tbody': { display: 'grid', gap: 1.5 },
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
});

/** Cells side by side, wrapping, on a card; unchanged in the table. */
export const inlineOnPhone = {
  [CARDS]: { display: 'flex', flexWrap: 'wrap', alignItems: 'baseline', columnGap: 1.5, rowGap: 0.25 },
};

/** Larger touch targets on a card; unchanged in the table. */
export const touchTarget = { [CARDS]: { p: 1.25 } };
