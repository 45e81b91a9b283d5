import { describe, expect, it } from 'vitest';
import { REVIEW_QUEUE_PATH, reviewQueueView } from './saved-views';
import { DEFAULT_COLUMNS, parseWorkOrderQuery, toQueryString } from './work-order-filters';

describe('the built-in Review queue', () => {
  it('is the list to review, most doubtful first, with the doubt column beside the usual ones', () => {
    const view = reviewQueueView('Review queue');
    const parsed = parseWorkOrderQuery(view.query);
    expect(parsed.ok && parsed.query).toMatchObject({ review: 'to_review', sort: { field: 'doubtScore', direction: 'desc' } });
    expect(view.columns).toEqual([...DEFAULT_COLUMNS, 'doubtScore']);
    expect(view).toMatchObject({ editable: false, mine: false });
  });

  it('lands on a canonical list URL that reads back as the view', () => {
    const [path, query] = REVIEW_QUEUE_PATH.split('?');
    expect(path).toBe('/work-orders');
    const parsed = parseWorkOrderQuery(query);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.fields));
    expect(parsed.query.columns).toEqual(reviewQueueView('').columns);
    expect(toQueryString(parsed.query)).toBe(query);
  });
});
