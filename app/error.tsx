'use client';

import dynamic from 'next/dynamic';
import { useHydrationMark } from '@/components/layout/use-hydration-mark';

// Loaded when an error is shown, not with every page: this boundary wraps them all. If its code
// cannot be fetched at that moment either (the network is gone), the failure reaches
// `global-error.tsx`, which needs no script of its own.
const RootErrorPage = dynamic(() => import('@/components/layout/RootErrorPage').then((module) => module.RootErrorPage));

/** Errors of the pages outside the shell, and of the signed-in layout itself (e.g. database down). */
export default function RootError({ error, retry }: { error: unknown; retry: () => void }) {
  useHydrationMark();
  return <RootErrorPage error={error} retry={retry} />;
}
