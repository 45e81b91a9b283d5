'use client';

import { ErrorView } from '@/components/layout/ErrorView';
import { useHydrationMark } from '@/components/layout/use-hydration-mark';

/** Errors of signed-in pages, shown inside the shell so navigation stays usable. */
export default function SignedInError({ error, retry }: { error: unknown; retry: () => void }) {
  useHydrationMark();
  return <ErrorView error={error} retry={retry} />;
}
