'use client';

import { useState } from 'react';
import useSWR from 'swr';
import { clearAddressSignInThrottle, clearUserSignInThrottle, fetchJson, SIGN_IN_THROTTLE_URL } from '@/lib/client/api';
import type { SignInThrottleOverview } from '@/lib/shared/sign-in-throttle';

export type ThrottledAccount = SignInThrottleOverview['accounts'][number];

/**
 * Sign-in throttling as the admin page shows it: which accounts and client addresses it holds
 * back (from the server render, then `/api/admin/sign-in-throttle`), and "clear", which forgets
 * their failed sign-ins on the server and then reads the state again.
 */
export function useSignInThrottle(initial: SignInThrottleOverview) {
  const { data, mutate } = useSWR<SignInThrottleOverview>(SIGN_IN_THROTTLE_URL, fetchJson, {
    fallbackData: initial,
    revalidateOnMount: false,
  });
  const overview = data ?? initial;
  const [pending, setPending] = useState<string | null>(null);
  const accounts = new Map(overview.accounts.map((account) => [account.email, account]));

  async function run(key: string, clear: () => Promise<unknown>): Promise<void> {
    setPending(key);
    try {
      await clear();
      await mutate();
    } finally {
      setPending(null);
    }
  }

  return {
    addresses: overview.addresses,
    accountOf: (email: string): ThrottledAccount | undefined => accounts.get(email),
    pending,
    clearUser: (userId: string) => run(userId, () => clearUserSignInThrottle(userId)),
    clearAddress: (ip: string) => run(ip, () => clearAddressSignInThrottle(ip)),
  };
}
