import Box from '@mui/material/Box';
import type { ReactNode } from 'react';

/**
 * A box that scrolls sideways when its content (a wide table) does not fit. It is a named,
 * focusable region so keyboard users can scroll it with the arrow keys even when the content
 * has nothing focusable of its own (a table of plain numbers).
 */
export function ScrollRegion({ labelledBy, label, children }: { labelledBy?: string; label?: string; children: ReactNode }) {
  return (
    <Box
      role="region"
      aria-labelledby={labelledBy}
      aria-label={labelledBy ? undefined : label}
      tabIndex={0}
      sx={{ overflowX: 'auto', borderRadius: 1 }}
    >
      {children}
    </Box>
  );
}
