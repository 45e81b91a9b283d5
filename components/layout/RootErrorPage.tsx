'use client';

import { ErrorView } from './ErrorView';
import { PublicLayout } from './PublicLayout';

/** What the root error boundary shows: the error in the public frame. */
export function RootErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <PublicLayout colorMode="system" maxWidth={560}>
      <ErrorView error={error} retry={retry} />
    </PublicLayout>
  );
}
