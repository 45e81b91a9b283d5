'use client';

import dynamic from 'next/dynamic';

/**
 * The shell, loaded only where it is drawn. For the root "not found" page: it is part of every
 * page's boundaries (the sign-in page's too), and importing the shell there put the whole
 * navigation, account menu and drawer in the first load of pages that never show them.
 */
export const LazyAppShell = dynamic(() => import('./AppShell').then((module) => module.AppShell));
