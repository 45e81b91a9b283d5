import type { WorkOrderQuery } from '@/lib/shared/work-order-filters';

/**
 * How many filters the list has on (the badge of the Filters button): one per metadata
 * condition and per chosen value, one per range end and switch, and the review filter when it
 * is not the default "to review". The search text, sort, page and columns are not filters.
 */
export function countFilters(query: WorkOrderQuery): number {
  return (
    query.metadata.length +
    query.tags.length +
    query.types.length +
    query.engineers.length +
    query.groups.length +
    [
      query.progressMin,
      query.progressMax,
      query.createdFrom,
      query.createdTo,
      query.updatedFrom,
      query.updatedTo,
      query.reviewedFrom,
      query.reviewedTo,
      query.corrected,
      query.conformity,
      query.assigned,
      query.taskGroup,
      query.task,
      query.taskState,
    ].filter((value) => value !== null).length +
    (query.review !== 'to_review' ? 1 : 0)
  );
}
