'use client';

import { useHydrationMark } from './use-hydration-mark';

/**
 * Rendered by every page (and every error, not-found and forbidden page) beside its content.
 * A page streams inside its loading state and hydrates on its own, after the shell around it:
 * only something rendered with the page itself can tell when the page answers.
 */
export function PageReady(): null {
  useHydrationMark();
  return null;
}
