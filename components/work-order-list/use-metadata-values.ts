'use client';

import useSWR from 'swr';
import { fetchJson, metadataValuesUrl } from '@/lib/client/api';

const NONE: string[] = [];

/**
 * The values the index already holds for a metadata key, most frequent first: suggestions for
 * the metadata filter. Asked only once the key is one the index knows (not on every keystroke
 * of a new key); a failed read leaves the field free text, as it is anyway.
 */
export function useMetadataValues(key: string | null, knownKeys: readonly string[]): string[] {
  const known = key !== null && knownKeys.includes(key) ? key : null;
  const { data } = useSWR<{ values: string[] }>(known === null ? null : metadataValuesUrl(known), fetchJson, {
    revalidateOnFocus: false,
    shouldRetryOnError: false,
  });
  return data?.values ?? NONE;
}
