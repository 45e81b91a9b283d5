'use client';

import { useCallback, useState } from 'react';

/**
 * What the page's live region says: `announce` puts a message there for screen readers.
 * Clearing first makes them read a message again even when it is the same as the last one.
 */
export function useAnnouncer() {
  const [announcement, setAnnouncement] = useState('');
  const announce = useCallback((message: string) => {
    setAnnouncement('');
    window.setTimeout(() => setAnnouncement(message), 50);
  }, []);
  return { announcement, announce };
}
