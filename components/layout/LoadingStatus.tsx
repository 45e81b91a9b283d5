import Box from '@mui/material/Box';
import type { ReactNode } from 'react';
import { visuallyHidden } from './visually-hidden';

/** A page's loading placeholder: its skeleton shown, `label` announced to screen readers. */
export function LoadingStatus({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Box role="status" aria-live="polite" aria-busy="true">
      <Box component="span" sx={visuallyHidden}>
        {label}
      </Box>
      {children}
    </Box>
  );
}
