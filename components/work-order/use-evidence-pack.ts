'use client';

import { useCallback, useState } from 'react';
import { ApiError, fetchEvidencePack } from '@/lib/client/api';

/**
 * Asks the server for a work order's evidence pack and saves it. Fetched, not a plain link: a
 * refusal or a failure is shown on the page as what it is, instead of a browser download that
 * fails or saves an error as a file.
 */
export function useEvidencePack(workOrderId: string) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const download = useCallback(async () => {
    setBusy(true);
    setError(null);
    try {
      const { blob, filename } = await fetchEvidencePack(workOrderId);
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = filename;
      document.body.append(link);
      link.click();
      link.remove();
      // The browser has taken the file once the click is handled.
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(null, null));
    } finally {
      setBusy(false);
    }
  }, [workOrderId]);

  return { busy, error, download, dismissError: () => setError(null) };
}
