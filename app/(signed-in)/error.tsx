'use client';

import { ErrorView } from '@/components/layout/ErrorView';

/** Errors of signed-in pages, shown inside the shell so navigation stays usable. */
export default function SignedInError({ error, retry }: { error: unknown; retry: () => void }) {
  return <ErrorView error={error} retry={retry} />;
}
