'use client';

import type { ApiErrorBody } from '@/lib/shared/work-order-dto';

/**
 * Browser → BFF calls of the work-order page. Every call is same-origin JSON; the timeout is
 * longer than any server deadline (security-reliability §3.2) so the server always answers
 * first when it can.
 */
export const BROWSER_TIMEOUT_MS = 25_000;

export class ApiError extends Error {
  constructor(
    readonly status: number | null,
    readonly body: ApiErrorBody | null,
  ) {
    super(body?.message ?? (status === null ? 'network_error' : `http_${status}`));
    this.name = 'ApiError';
  }

  get code(): string {
    return this.body?.error ?? (this.status === null ? 'network_error' : `http_${this.status}`);
  }
}

export interface RawResponse {
  /** null when no answer arrived (network error, timeout). */
  status: number | null;
  body: unknown;
}

async function readBody(response: Response): Promise<unknown> {
  if (response.status === 204) return null;
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** A request that never throws: the caller decides what each status means. */
export async function requestRaw(url: string, init: RequestInit & { json?: unknown } = {}): Promise<RawResponse> {
  const { json, headers, ...rest } = init;
  const requestHeaders = new Headers(headers);
  requestHeaders.set('accept', 'application/json');
  if (json !== undefined) requestHeaders.set('content-type', 'application/json');
  try {
    const response = await fetch(url, {
      credentials: 'same-origin',
      cache: 'no-store',
      signal: AbortSignal.timeout(BROWSER_TIMEOUT_MS),
      ...rest,
      headers: requestHeaders,
      ...(json !== undefined && { body: JSON.stringify(json) }),
    });
    return { status: response.status, body: await readBody(response) };
  } catch {
    return { status: null, body: null };
  }
}

function asErrorBody(body: unknown): ApiErrorBody | null {
  if (body && typeof body === 'object' && typeof (body as ApiErrorBody).error === 'string') return body as ApiErrorBody;
  return null;
}

/** JSON request that throws `ApiError` on anything but 2xx. */
export async function requestJson<T>(url: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
  const { status, body } = await requestRaw(url, init);
  if (status === null || status < 200 || status >= 300) throw new ApiError(status, asErrorBody(body));
  return body as T;
}

/** SWR fetcher. */
export const fetchJson = <T,>(url: string): Promise<T> => requestJson<T>(url);

export function workOrderUrl(workOrderId: string): string {
  return `/api/work-orders/${encodeURIComponent(workOrderId)}`;
}

export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}
