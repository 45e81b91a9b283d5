'use client';

import { useEffect } from 'react';
import { requestRaw, SESSION_URL, signInAgain } from '@/lib/client/api';

/** How often, at most, user activity extends the session (well under the 30-minute idle limit). */
const REFRESH_EVERY_MS = 4 * 60 * 1000;
const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;

/**
 * Sessions end after `SESSION_IDLE_MINUTES` without activity (OWASP ASVS 7.3.1). Only a request to
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
      const { status, body } = await requestRaw(SESSION_URL);
      inFlight = false;
      // Offline for a moment: try again on the next activity.
      if (status === null) last = 0;
      else if (status >= 200 && status < 300 && !(body as { user?: unknown } | null)?.user) signInAgain();
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
