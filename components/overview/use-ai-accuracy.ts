'use client';

import useSWR from 'swr';
import { aiAccuracyUrl, errorMessage, fetchJson } from '@/lib/client/api';
import type { AiAccuracy } from '@/lib/shared/ai-accuracy';

/** Same cadence as the rest of the overview: every minute while the tab is visible. */
const REFRESH_MS = 60_000;

/** The AI-accuracy figures of the overview's current filter (`query`: the overview's own query string). */
export function useAiAccuracy(query: string): { accuracy: AiAccuracy | undefined; error: string | null; loading: boolean } {
  const { data, error, isLoading } = useSWR<AiAccuracy>(aiAccuracyUrl(query), fetchJson, {
    refreshInterval: REFRESH_MS,
    refreshWhenHidden: false,
    shouldRetryOnError: false,
    keepPreviousData: true,
  });
  return { accuracy: data, error: error ? errorMessage(error) : null, loading: isLoading };
}
