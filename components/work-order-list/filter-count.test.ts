import { describe, expect, it } from 'vitest';
import { DEFAULT_QUERY } from '@/lib/shared/work-order-filters';
import { countFilters } from './filter-count';

describe('countFilters', () => {
  it('is 0 for the default view, whatever the text, sort, page or columns', () => {
    expect(countFilters(DEFAULT_QUERY)).toBe(0);
    expect(countFilters({ ...DEFAULT_QUERY, q: 'lyon', page: 3, pageSize: 100, columns: [] })).toBe(0);
  });

  it('counts each chosen value, range end and switch, and a review filter other than the default', () => {
    expect(countFilters({ ...DEFAULT_QUERY, tags: ['a', 'b'], progressMin: 10, progressMax: 90 })).toBe(4);
    expect(countFilters({ ...DEFAULT_QUERY, corrected: false, assigned: true })).toBe(2);
    expect(countFilters({ ...DEFAULT_QUERY, review: 'all' })).toBe(1);
    expect(countFilters({ ...DEFAULT_QUERY, metadata: [{ key: 'city', value: 'Lyon' }] })).toBe(1);
  });
});
