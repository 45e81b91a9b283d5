'use client';

import dynamic from 'next/dynamic';

/**
 * The public frame, loaded only where it is drawn. For the root "not found" and error pages:
 * they are boundaries of every page (the list's and the work order's too), and importing the
 * frame there put its language and appearance menus (MUI's menu, popover, tooltip, a second copy
 * of modules the shell's chunks also hold) in the first load of pages that never show them.
 */
export const LazyPublicLayout = dynamic(() => import('./PublicLayout').then((module) => module.PublicLayout));
