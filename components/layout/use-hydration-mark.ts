'use client';

import { useEffect } from 'react';

/**
 * Marks the document once React has hydrated the page (`<html data-hydrated="true">`). Pages
 * are painted from the server's HTML before their scripts run, so a control can be on screen a
 * moment before it answers; the mark says when the page is interactive, for the end-to-end tests
 * (which act like a user who waits for that) and for anyone measuring it. Called from the page's
 * own content (`PageReady`, or an error page itself): the shell hydrates first, and a mark set
 * there would come before the page's keys and buttons answer.
 */
export function useHydrationMark(): void {
  useEffect(() => {
    document.documentElement.dataset.hydrated = 'true';
  }, []);
}
