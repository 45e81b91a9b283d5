'use client';

import { useState } from 'react';
import { ApiError, runUpstreamCheck } from '@/lib/client/api';
import type { UpstreamCheckState } from '@/lib/shared/upstream-check';

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
      setState(await runUpstreamCheck());
    } catch (caught) {
      setFailure({
        status: caught instanceof ApiError ? caught.status : null,
        message: caught instanceof ApiError ? (caught.body?.message ?? '') : '',
      });
    } finally {
      setRunning(false);
    }
  }

  return { state, running, failure, run };
}
