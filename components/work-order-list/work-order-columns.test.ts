import { describe, expect, it } from 'vitest';
import { isSortable, nextSort } from './work-order-columns';

describe('nextSort', () => {
  it('flips the direction of the column the list is sorted by', () => {
    expect(nextSort({ field: 'progressScore', direction: 'asc' }, 'progressScore')).toEqual({ field: 'progressScore', direction: 'desc' });
    expect(nextSort({ field: 'progressScore', direction: 'desc' }, 'progressScore')).toEqual({ field: 'progressScore', direction: 'asc' });
  });

  it('starts another column ascending', () => {
    expect(nextSort({ field: 'createDate', direction: 'desc' }, 'name')).toEqual({ field: 'name', direction: 'asc' });
  });
});

describe('isSortable', () => {
  it('offers sorting only on the columns the index sorts by', () => {
    expect(isSortable('progressScore')).toBe(true);
    expect(isSortable('tags')).toBe(false);
    expect(isSortable('metadata')).toBe(false);
  });
});
