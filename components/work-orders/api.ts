'use client';

import { requestJson } from '@/components/work-order/api-client';
import type { SavedViewDto } from '@/lib/shared/saved-views';
import type { Column } from '@/lib/shared/work-order-filters';

/** Browser → BFF calls of the work-order list. */

export function searchUrl(queryString: string): string {
  return queryString ? `/api/work-orders?${queryString}` : '/api/work-orders';
}

export function countUrl(queryString: string): string {
  return queryString ? `/api/work-orders/count?${queryString}` : '/api/work-orders/count';
}

export function exportUrl(queryString: string): string {
  return queryString ? `/api/work-orders/export?${queryString}` : '/api/work-orders/export';
}

export function saveView(view: { name: string; shared: boolean; query: string; columns: Column[] }): Promise<SavedViewDto> {
  return requestJson<SavedViewDto>('/api/saved-views', { method: 'POST', json: view });
}

export function deleteView(id: string): Promise<void> {
  return requestJson<void>(`/api/saved-views/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

export type BulkReviewRequest =
  | { status: 'reviewed' | 'to_review'; ids: string[] }
  | { status: 'reviewed' | 'to_review'; query: string; expectedCount: number };

export function bulkReview(body: BulkReviewRequest): Promise<{ status: string; updated: number }> {
  return requestJson('/api/work-orders/review', { method: 'POST', json: body });
}

export function requestSync(): Promise<{ started: boolean }> {
  return requestJson('/api/index/sync', { method: 'POST', json: { full: false } });
}
