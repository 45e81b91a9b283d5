'use client';

import ViewColumnIcon from '@mui/icons-material/ViewColumn';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import ListItemText from '@mui/material/ListItemText';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import { useTranslations } from 'next-intl';
import { useMenuButton } from '@/lib/client/use-menu-button';
import { COLUMNS, type Column } from '@/lib/shared/work-order-filters';

/** Which columns the grid shows (kept in the URL as `cols`, saved with a view). */
export function ColumnChooser({ columns, onChange }: { columns: Column[]; onChange(columns: Column[]): void }) {
  const t = useTranslations('workOrders.columns');
  const menu = useMenuButton('columns-menu');
  const toggle = (column: Column) => {
    const next = columns.includes(column) ? columns.filter((c) => c !== column) : COLUMNS.filter((c) => c === column || columns.includes(c));
    if (next.length > 0) onChange(next);
  };
  return (
    <>
      <Button variant="outlined" startIcon={<ViewColumnIcon />} {...menu.buttonProps}>
        {t('button')}
      </Button>
      <Menu {...menu.menuProps} slotProps={{ paper: { sx: { maxHeight: 420 } } }}>
        {COLUMNS.map((column) => (
          <MenuItem key={column} onClick={() => toggle(column)} role="menuitemcheckbox" aria-checked={columns.includes(column)} dense>
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
    </>
  );
}
