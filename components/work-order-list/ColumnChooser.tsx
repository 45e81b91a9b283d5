'use client';

import ViewColumnIcon from '@mui/icons-material/ViewColumn';
import Button from '@mui/material/Button';
import { useTranslations } from 'next-intl';
import dynamic from 'next/dynamic';
import { useMenuButton } from '@/lib/client/use-menu-button';
import { COLUMNS, type Column } from '@/lib/shared/work-order-filters';

// The menu's code loads on the button's first use (or when pointed at), not with the list.
const loadMenu = () => import('./ColumnChooserMenu');
const ColumnChooserMenu = dynamic(() => loadMenu().then((module) => module.ColumnChooserMenu), { ssr: false });

/** Which columns the grid shows (kept in the URL as `cols`, saved with a view). */
export function ColumnChooser({ columns, onChange }: { columns: Column[]; onChange(columns: Column[]): void }) {
  const t = useTranslations('workOrders.columns');
  const menu = useMenuButton('columns-menu', loadMenu);
  const toggle = (column: Column) => {
    const next = columns.includes(column) ? columns.filter((c) => c !== column) : COLUMNS.filter((c) => c === column || columns.includes(c));
    if (next.length > 0) onChange(next);
  };
  return (
    <>
      <Button variant="outlined" startIcon={<ViewColumnIcon />} {...menu.buttonProps}>
        {t('button')}
      </Button>
      {menu.opened ? <ColumnChooserMenu menuProps={menu.menuProps} columns={columns} onToggle={toggle} /> : null}
    </>
  );
}
