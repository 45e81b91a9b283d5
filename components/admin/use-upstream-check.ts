'use client';

import { useState } from 'react';
import type { UpstreamCheckState } from '@/lib/shared/upstream-check';

/** A check reads about ten answers upstream, each with its own deadline: give it time. */
const CHECK_TIMEOUT_MS = 120_000;

export type CheckFailure = { status: number | null; message: string };

/**
 * The "Deepomatic site" section's behaviour: the last check (from the server render), and
 * "Check now", which runs a new one on the server (`POST /api/admin/upstream-check`) and shows
 * it once the server answered.
 */
export function useUpstreamCheck(initial: UpstreamCheckState) {
  const [state, setState] = useState(initial);
  const [running, setRunning] = useState(false);
  const [failure, setFailure] = useState<CheckFailure | null>(null);

  async function run() {
    setRunning(true);
    setFailure(null);
    try {
      const response = await fetch('/api/admin/upstream-check', {
        method: 'POST',
        headers: { accept: 'application/json' },
        credentials: 'same-origin',
        cache: 'no-store',
        signal: AbortSignal.timeout(CHECK_TIMEOUT_MS),
      });
      const payload = (await response.json().catch(() => null)) as (UpstreamCheckState & { message?: string }) | null;
      if (response.status === 401) {
        // The session ended while the page was open: sign in again and come back.
        // eslint-disable-next-line @next/next/no-location-assign-relative-destination
        window.location.assign('/sign-in?reason=expired&callbackUrl=%2Fadmin');
        return;
      }
      if (!response.ok || payload === null) {
        setFailure({ status: response.status, message: payload?.message ?? '' });
        return;
      }
      setState({ report: payload.report, checkedBy: payload.checkedBy });
    } catch {
      setFailure({ status: null, message: '' });
    } finally {
      setRunning(false);
    }
  }

  return { state, running, failure, run };
}
