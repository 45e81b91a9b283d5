'use client';

import NextLink from 'next/link';
import { useState, type ComponentProps } from 'react';

/**
 * next/link that prefetches its route only once the user shows intent (pointer over it, keyboard
 * focus on it, a finger on it), never because it scrolled into view. For long lists of links (the
 * list's rows, the overview's tables): each visible link would otherwise fetch the linked route's
 * code and data as soon as the page is up, dozens of requests competing with the page's own
 * first load for a slow phone's network and CPU. Once intent is shown the link prefetches as any
 * other, so the click that follows still finds the route ready. Takes every prop of next/link
 * (MUI's `<Link component={IntentPrefetchLink}>` passes its ref and handlers through).
 */
export function IntentPrefetchLink({ onMouseEnter, onFocus, onTouchStart, ...props }: ComponentProps<typeof NextLink>) {
  const [intent, setIntent] = useState(false);
  return (
    <NextLink
      {...props}
      // `null` is next/link's default prefetching; `false` none at all, not even on hover.
      prefetch={intent ? null : false}
      onMouseEnter={(event) => {
        setIntent(true);
        onMouseEnter?.(event);
      }}
      onFocus={(event) => {
        setIntent(true);
        onFocus?.(event);
      }}
      onTouchStart={(event) => {
        setIntent(true);
        onTouchStart?.(event);
      }}
    />
  );
}
