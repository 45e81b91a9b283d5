'use client';

import { useTranslations } from 'next-intl';
import { useCallback, useState } from 'react';
import useSWR from 'swr';
import { ApiError, fetchJson, reviewUrl, setReviewStatus, type ReviewStateDto, type ReviewStatus } from '@/lib/client/api';

/**
 * Our review state of the work order ("to review" / "reviewed"), and changing it. Marked
 * reviewed from a search, the answer names the search's next work order to open.
 */
export function useReview({
  workOrderId,
  returnPath,
  initialReview,
  canReview,
  announce,
  onChanged,
}: {
  workOrderId: string;
  /** The list the user came from, if any: its query finds the next work order. */
  returnPath: string | null;
  initialReview: ReviewStateDto | null;
  canReview: boolean;
  announce(message: string): void;
  /** The work order may have changed with it (its index row): read it again. */
  onChanged(): void;
}) {
  const t = useTranslations('workOrder');
  const { data: review, mutate } = useSWR<ReviewStateDto | null>(reviewUrl(workOrderId, returnPath), fetchJson, {
    fallbackData: initialReview,
    // The page could not read it on the server: ask once here.
    revalidateOnMount: initialReview === null,
    revalidateOnFocus: false,
    shouldRetryOnError: false,
  });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [nextWorkOrderId, setNextWorkOrderId] = useState<string | null>(null);

  const changeReview = useCallback(
    async (status: ReviewStatus) => {
      if (!canReview || busy) return;
      setBusy(true);
      setError(null);
      try {
        const next = await setReviewStatus(workOrderId, status, returnPath);
        await mutate(next, { revalidate: false });
        setNextWorkOrderId(status === 'reviewed' ? (next.nextId ?? null) : null);
        announce(status === 'reviewed' ? t('review.markedReviewed') : t('review.reopened'));
        onChanged();
      } catch (caught) {
        const message = caught instanceof ApiError && caught.body?.message ? caught.body.message : t('review.failed');
        setError(message);
        announce(message);
      } finally {
        setBusy(false);
      }
    },
    [announce, busy, canReview, mutate, onChanged, returnPath, t, workOrderId],
  );

  const markReviewed = useCallback(() => void changeReview('reviewed'), [changeReview]);
  const reopen = useCallback(() => void changeReview('to_review'), [changeReview]);

  return {
    review: review ?? null,
    reviewed: review?.status === 'reviewed',
    busy,
    error,
    clearError: () => setError(null),
    nextWorkOrderId,
    markReviewed,
    reopen,
  };
}
