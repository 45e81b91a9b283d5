'use client';

import { useEffect } from 'react';

/**
 * Marks the document once React has hydrated it (`<html data-hydrated="true">`). Pages are
 * painted from the server's HTML before their scripts run, so a control can be on screen a
 * moment before it answers; the mark says when the page is interactive, for the end-to-end tests
 * (which act like a user who waits for that) and for anyone measuring it.
 */
export function useHydrationMark(): void {
  useEffect(() => {
    document.documentElement.dataset.hydrated = 'true';
  }, []);
}
