/**
 * `sx` for content read by screen readers and not shown (a live region, a column header whose
 * column is all buttons). Lengths in px: in `sx` a bare `1` would mean 100 %.
 */
export const visuallyHidden = {
  position: 'absolute',
  width: '1px',
  height: '1px',
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
  border: 0,
  padding: 0,
  margin: '-1px',
} as const;
