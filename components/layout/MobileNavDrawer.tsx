'use client';

import Drawer from '@mui/material/Drawer';
import type { ReactNode } from 'react';

/**
 * The navigation as a modal drawer, below `md` (loaded on the menu button's first use: MUI's
 * modal, backdrop and slide are code no wide screen needs). Kept mounted once opened.
 */
export function MobileNavDrawer({ open, onClose, width, children }: { open: boolean; onClose(): void; width: number; children: ReactNode }) {
  return (
    <Drawer
      variant="temporary"
      open={open}
      onClose={onClose}
      ModalProps={{ keepMounted: true }}
      sx={{ display: { xs: 'block', md: 'none' }, '& .MuiDrawer-paper': { width } }}
    >
      {children}
    </Drawer>
  );
}
