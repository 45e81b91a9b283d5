'use client';

import { requestJson } from './api-client';

/**
 * Our review state of a work order, served by `app/api/work-orders/[id]/review/route.ts`
 * (the search part owns it): GET reads it, PUT `{status}` changes it; `from` (the list's
 * query string) lets the server answer with the next work order of that search.
 */
export type ReviewStatus = 'to_review' | 'reviewed';

export interface ReviewStateDto {
  status: ReviewStatus;
  reviewedBy: string | null;
  reviewedAt: string | null;
  /** Next work order of the search the user came from, when asked with `from`. */
  nextWorkOrderId?: string | null;
}

export function reviewUrl(workOrderId: string, from?: string | null): string {
  const base = `/api/work-orders/${encodeURIComponent(workOrderId)}/review`;
  const query = from ? from.split('?')[1] : undefined;
  return query ? `${base}?from=${encodeURIComponent(query)}` : base;
}

export function setReviewStatus(workOrderId: string, status: ReviewStatus, from?: string | null): Promise<ReviewStateDto> {
  return requestJson<ReviewStateDto>(reviewUrl(workOrderId, from), { method: 'PUT', json: { status } });
}
