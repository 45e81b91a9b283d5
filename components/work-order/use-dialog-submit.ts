'use client';

import { useState } from 'react';
import { ApiError } from '@/lib/client/api';

/**
 * The sending / failed state of a dialog (or the create form) that sends one request: `run(send)` ignores a second
 * submit while one is in flight, clears the previous error, and on failure keeps the dialog
 * open with the error (anything that is not an `ApiError` counts as a network error). On
 * success the dialog stays in "sending" — its caller closes or navigates away.
 */
export function useDialogSubmit() {
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const run = async (send: () => Promise<void>) => {
    if (sending) return;
    setSending(true);
    setError(null);
    try {
      await send();
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(null, null));
      setSending(false);
    }
  };

  return { sending, error, run };
}
