'use client';

import { useSyncExternalStore } from 'react';

const never = () => () => undefined;

/**
 * False in the server's HTML and while the page hydrates, true once React handles events. The
 * list's rows are in the HTML before any script runs: a control that needs a script (a row's
 * checkbox) stays disabled until then, rather than taking a click that nothing would handle.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    never,
    () => true,
    () => false,
  );
}
