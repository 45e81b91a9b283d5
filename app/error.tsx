'use client';

import { ErrorView } from '@/components/layout/ErrorView';
import { PublicLayout } from '@/components/layout/PublicLayout';

/** Errors of the pages outside the shell, and of the signed-in layout itself (e.g. database down). */
export default function RootError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <PublicLayout colorMode="system" maxWidth={560}>
      <ErrorView error={error} retry={retry} />
    </PublicLayout>
  );
}
