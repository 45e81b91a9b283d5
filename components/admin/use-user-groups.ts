'use client';

import useSWR from 'swr';
import { fetchJson, nameUserGroup, USER_GROUPS_URL } from '@/lib/client/api';
import type { UserGroupDto } from '@/lib/shared/user-groups';

/**
 * The site's user groups as admins assign and name them (`/api/admin/user-groups`), and
 * "name", which saves a name on the server and then reads the list again.
 */
export function useUserGroups(initial?: UserGroupDto[]) {
  const { data, mutate } = useSWR<{ groups: UserGroupDto[] }>(USER_GROUPS_URL, fetchJson, {
    ...(initial ? { fallbackData: { groups: initial }, revalidateOnMount: false } : {}),
  });
  return {
    groups: data?.groups ?? initial ?? [],
    loaded: data !== undefined,
    async name(id: string, name: string): Promise<void> {
      await nameUserGroup(id, name);
      await mutate();
    },
  };
}
