'use client';

import type { AdminUser } from '@/lib/shared/admin-users';
import type { Role } from '@/lib/shared/roles';

/** A refused request: our error shape, or a network failure (`status` null). */
export class AdminApiError extends Error {
  constructor(
    readonly status: number | null,
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'AdminApiError';
  }
}

async function call<T>(url: string, method: 'GET' | 'POST' | 'PATCH', body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
      signal: AbortSignal.timeout(20_000),
    });
  } catch {
    throw new AdminApiError(null, '');
  }
  const payload = (await response.json().catch(() => null)) as (T & { message?: string; fields?: Record<string, string> }) | null;
  if (!response.ok) {
    // A session that ended while the page was open: sign in again and come back. A full
    // navigation on purpose, so no state of the ended session survives in the page.
    // eslint-disable-next-line @next/next/no-location-assign-relative-destination
    if (response.status === 401) window.location.assign('/sign-in?reason=expired&callbackUrl=%2Fadmin');
    throw new AdminApiError(response.status, payload?.message ?? '', payload?.fields ?? {});
  }
  return payload as T;
}

export const adminApi = {
  list: () => call<{ users: AdminUser[] }>('/api/admin/users', 'GET'),
  create: (input: { email: string; name?: string; role: Role; password?: string }) =>
    call<{ user: AdminUser }>('/api/admin/users', 'POST', input),
  update: (id: string, patch: { role?: Role; disabled?: boolean; password?: string; name?: string }) =>
    call<{ user: AdminUser }>(`/api/admin/users/${encodeURIComponent(id)}`, 'PATCH', patch),
};
