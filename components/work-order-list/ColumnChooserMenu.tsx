'use client';

import Checkbox from '@mui/material/Checkbox';
import ListItemText from '@mui/material/ListItemText';
import Menu, { type MenuProps } from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import { useTranslations } from 'next-intl';
import { COLUMNS, type Column } from '@/lib/shared/work-order-filters';

/** The columns offered by the column chooser (loaded on its first use). */
export function ColumnChooserMenu({ menuProps, columns, onToggle }: { menuProps: MenuProps; columns: Column[]; onToggle(column: Column): void }) {
  const t = useTranslations('workOrders.columns');
  return (
    <Menu {...menuProps} slotProps={{ paper: { sx: { maxHeight: 420 } } }}>
      {COLUMNS.map((column) => (
        <MenuItem key={column} onClick={() => onToggle(column)} role="menuitemcheckbox" aria-checked={columns.includes(column)} dense>
          <Checkbox
            edge="start"
            checked={columns.includes(column)}
            tabIndex={-1}
            disableRipple
            size="small"
            slotProps={{ input: { 'aria-hidden': true } }}
          />
          <ListItemText primary={t(column)} />
        </MenuItem>
      ))}
    </Menu>
  );
}
