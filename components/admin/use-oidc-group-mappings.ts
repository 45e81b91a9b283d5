'use client';

import useSWR from 'swr';
import { fetchJson, OIDC_GROUP_MAPPINGS_URL, setOidcGroupMapping } from '@/lib/client/api';

export interface OidcGroupMapping {
  claimValue: string;
  userGroupIds: string[];
}

/** The SSO claim values mapped to user groups, and "save" (an empty list removes the value). */
export function useOidcGroupMappings() {
  const { data, mutate } = useSWR<{ mappings: OidcGroupMapping[] }>(OIDC_GROUP_MAPPINGS_URL, fetchJson);
  return {
    mappings: data?.mappings ?? [],
    async save(claimValue: string, userGroupIds: string[]): Promise<void> {
      await setOidcGroupMapping(claimValue, userGroupIds);
      await mutate();
    },
  };
}

/** "a, b ,,c" → ["a", "b", "c"]. */
export function groupList(text: string): string[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
}
