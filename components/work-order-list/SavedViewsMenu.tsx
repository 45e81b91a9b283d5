'use client';

import BookmarkIcon from '@mui/icons-material/BookmarkBorder';
import Button from '@mui/material/Button';
import { useTranslations } from 'next-intl';
import dynamic from 'next/dynamic';
import { useState } from 'react';
import { useMenuButton } from '@/lib/client/use-menu-button';
import type { SavedViewDto } from '@/lib/shared/saved-views';
import type { WorkOrderQuery } from '@/lib/shared/work-order-filters';

const SavedViewsPanel = dynamic(() => import('./SavedViewsPanel').then((module) => module.SavedViewsPanel), { ssr: false });

/** Open, save (personal or shared) and delete named views: filters + sort + columns. */
export function SavedViewsMenu({
  query,
  canShare,
  onOpen,
  onMessage,
}: {
  query: WorkOrderQuery;
  canShare: boolean;
  onOpen(view: SavedViewDto): void;
  onMessage(message: string, severity?: 'success' | 'error'): void;
}) {
  const t = useTranslations('workOrders.views');
  // The menu (its code and the views it lists) is asked for when the person reaches for it.
  const [wanted, setWanted] = useState(false);
  const menu = useMenuButton('saved-views-menu');

  return (
    <>
      <Button
        variant="outlined"
        startIcon={<BookmarkIcon />}
        {...menu.buttonProps}
        onPointerEnter={() => setWanted(true)}
        onFocus={() => setWanted(true)}
        onClick={(event) => {
          setWanted(true);
          menu.buttonProps.onClick(event);
        }}
      >
        {t('button')}
      </Button>
      {wanted ? <SavedViewsPanel menu={menu} query={query} canShare={canShare} onOpen={onOpen} onMessage={onMessage} /> : null}
    </>
  );
}
