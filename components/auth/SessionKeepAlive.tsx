'use client';

import { useEffect } from 'react';

/** How often, at most, user activity extends the session (well under the 30-minute idle limit). */
const REFRESH_EVERY_MS = 4 * 60 * 1000;
const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;

/**
 * Sessions end after `SESSION_IDLE_MINUTES` without activity (ASVS 7.3.1). Only a request to
 * `/api/auth/session` renews the session cookie (server components cannot set cookies), so
 * this component renews it when the person actually uses the page — at most every 4 minutes —
 * and sends them to the sign-in page as soon as the server says the session is over (expired,
 * signed out elsewhere, disabled). A tab left open but unused still expires.
 * Mount once in the signed-in shell.
 */
export function SessionKeepAlive() {
  useEffect(() => {
    let last = Date.now();
    let inFlight = false;

    async function refresh() {
      if (inFlight || Date.now() - last < REFRESH_EVERY_MS) return;
      inFlight = true;
      last = Date.now();
      try {
        const response = await fetch('/api/auth/session', { credentials: 'same-origin', cache: 'no-store' });
        const session = (await response.json().catch(() => null)) as { user?: unknown } | null;
        if (response.ok && !session?.user) {
          const back = `${window.location.pathname}${window.location.search}`;
          // A full navigation on purpose: nothing of the ended session stays in memory.
          // eslint-disable-next-line @next/next/no-location-assign-relative-destination
          window.location.assign(`/sign-in?reason=expired&callbackUrl=${encodeURIComponent(back)}`);
        }
      } catch {
        // Offline for a moment: try again on the next activity.
        last = 0;
      } finally {
        inFlight = false;
      }
    }

    const onActivity = () => void refresh();
    const onVisible = () => {
      if (document.visibilityState === 'visible') void refresh();
    };
    for (const event of ACTIVITY_EVENTS) window.addEventListener(event, onActivity, { passive: true });
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      for (const event of ACTIVITY_EVENTS) window.removeEventListener(event, onActivity);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, []);
  return null;
}
