import type { SxProps, Theme } from '@mui/material/styles';
import { COUNT_COLUMNS } from './work-order-columns';

const WIDTH: Record<string, number> = {
  name: 220,
  id: 290,
  fieldEngineerEmail: 200,
  progressScore: 150,
  metadata: 260,
  reviewStatus: 120,
  doubtScore: 380,
};

/**
 * The list's look, written once for the whole table: cells are plain elements with these
 * classes, so no cell is a styled component of its own.
 */
export const WORK_ORDER_TABLE_SX: SxProps<Theme> = (theme) => {
  // The colour scheme's CSS variables, so a switch of light / dark needs no re-render.
  const palette = (theme.vars ?? theme).palette;
  return {
    '& th, & td': { whiteSpace: 'nowrap' },
    '& tbody tr': { height: 36 },
    '& tbody tr:hover': { backgroundColor: palette.action.hover },
    '& tbody tr[data-selected]': { backgroundColor: palette.action.selected },
    '& td.wo-cell': {
      ...theme.typography.body2,
      padding: '4px 16px',
      borderBottom: `1px solid ${palette.divider}`,
      maxWidth: 320,
      overflow: 'hidden',
      textOverflow: 'ellipsis',
    },
    ...Object.fromEntries(Object.entries(WIDTH).map(([column, width]) => [`& .wo-col-${column}`, { minWidth: width }])),
    ...Object.fromEntries(
      [...COUNT_COLUMNS, 'progressScore'].map((column) => [`& td.wo-col-${column}, & th.wo-col-${column}`, { textAlign: 'right' }]),
    ),
    // The rows' links look like MUI's Link (the theme's primary colour, underlined on hover).
    '& .wo-link': { color: palette.primary.main, textDecoration: 'none', '&:hover': { textDecoration: 'underline' } },
    '& .wo-check': { width: 18, height: 18, margin: 0, accentColor: palette.primary.main, cursor: 'pointer' },
    '& .wo-chip': {
      display: 'inline-block',
      padding: '1px 8px',
      marginRight: '4px',
      borderRadius: 12,
      border: `1px solid ${palette.divider}`,
      fontSize: '0.8125rem',
      lineHeight: '20px',
    },
    '& .wo-chip[data-filled]': {
      backgroundColor: palette.success.main,
      borderColor: palette.success.main,
      color: palette.success.contrastText,
    },
    '& .wo-progress': { display: 'flex', alignItems: 'center', gap: '8px', minWidth: 110 },
    '& .wo-bar': {
      flex: 1,
      height: 8,
      borderRadius: 4,
      overflow: 'hidden',
      backgroundColor: palette.action.disabledBackground,
      '& > span': { display: 'block', height: '100%', borderRadius: 4 },
    },
    '& [data-band="none"] .wo-bar > span': { backgroundColor: palette.error.main },
    '& [data-band="low"] .wo-bar > span': { backgroundColor: palette.warning.main },
    '& [data-band="partial"] .wo-bar > span': { backgroundColor: palette.info.main },
    '& [data-band="complete"] .wo-bar > span': { backgroundColor: palette.success.main },
    '& .wo-doubt': { display: 'flex', gap: '8px', alignItems: 'center', overflow: 'hidden', maxWidth: 420 },
    '& .wo-doubt > strong': { minWidth: '2.5ch', textAlign: 'right', fontVariantNumeric: 'tabular-nums' },
    '& .wo-doubt > span': { color: palette.text.secondary, overflow: 'hidden', textOverflow: 'ellipsis' },
    '& .wo-figure': { minWidth: 32, textAlign: 'right', fontVariantNumeric: 'tabular-nums' },
  };
};
