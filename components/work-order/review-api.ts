'use client';

import { requestJson } from './api-client';

/**
 * Our review state of a work order, served by `app/api/work-orders/[id]/review/route.ts`
 * (the search part owns it): GET `?<list query>` reads it, POST `{status, query?}` changes
 * it. With the list query the user came from, the answer names the next work order of
 * that search (`nextId`).
 */
export type ReviewStatus = 'to_review' | 'reviewed';

export interface ReviewStateDto {
  status: ReviewStatus;
  reviewedAt: string | null;
  /** The reviewer's e-mail (null when reopened or when that user was deleted). */
  reviewedBy: string | null;
  nextId?: string | null;
}

/** The query string of a list URL (`/work-orders?x=1` → `x=1`), or null. */
export function listQuery(from: string | null | undefined): string | null {
  if (!from) return null;
  const index = from.indexOf('?');
  return index >= 0 && index < from.length - 1 ? from.slice(index + 1) : null;
}

export function reviewUrl(workOrderId: string, from?: string | null): string {
  const base = `/api/work-orders/${encodeURIComponent(workOrderId)}/review`;
  const query = listQuery(from);
  return query ? `${base}?${query}` : base;
}

export function setReviewStatus(workOrderId: string, status: ReviewStatus, from?: string | null): Promise<ReviewStateDto> {
  const query = listQuery(from);
  return requestJson<ReviewStateDto>(reviewUrl(workOrderId), { method: 'POST', json: { status, ...(query && { query }) } });
}
