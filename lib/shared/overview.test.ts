import { describe, expect, it } from 'vitest';
import { DEFAULT_STUCK_DAYS, overviewSearchParams, parseOverviewParams, share, taskListHref, workOrderListHref } from './overview';

function parse(search: string) {
  const parsed = parseOverviewParams(search);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.fields));
  return parsed.params;
}

describe('overview URL', () => {
  it('covers every work order unless review is set, with a default stuck threshold', () => {
    const params = parse('');
    expect(params.query.review).toBe('all');
    expect(params.stuckDays).toBe(DEFAULT_STUCK_DAYS);
    expect(parse('review=to_review').query.review).toBe('to_review');
  });

  it('round-trips filters and stuckDays through its URL', () => {
    const search =
      'meta=region%3Dnorth&tag=urgent&engineer=a%40x.test&group=g1&createdFrom=2026-01-01&createdTo=2026-01-31&review=reviewed&stuckDays=7';
    const params = parse(search);
    expect(params.query).toMatchObject({
      tags: ['urgent'],
      engineers: ['a@x.test'],
      groups: ['g1'],
      metadata: [{ key: 'region', value: 'north' }],
      review: 'reviewed',
    });
    expect(params.stuckDays).toBe(7);
    expect(parse(overviewSearchParams(params).toString())).toEqual(params);
    expect(overviewSearchParams(parse('')).toString()).toBe('');
  });

  it('refuses unknown keys, list-only keys and a stuck threshold not offered', () => {
    expect(parseOverviewParams('colour=blue')).toEqual({ ok: false, fields: { colour: 'unknown_field' } });
    expect(parseOverviewParams('page=2')).toEqual({ ok: false, fields: { page: 'unknown_field' } });
    expect(parseOverviewParams('stuckDays=4')).toEqual({ ok: false, fields: { stuckDays: 'invalid_option' } });
    expect(parseOverviewParams('stuckDays=3&stuckDays=7')).toEqual({ ok: false, fields: { stuckDays: 'duplicate' } });
    expect(parseOverviewParams('createdFrom=2026-02-30').ok).toBe(false);
  });

  it('links a slice to the work-order list with the same filters', () => {
    const { query } = parse('group=g1');
    expect(workOrderListHref(query, { progressMin: 100, progressMax: 100 })).toBe('/work-orders?group=g1&progressMin=100&progressMax=100&review=all');
    expect(workOrderListHref(parse('review=to_review').query)).toBe('/work-orders');
    expect(workOrderListHref(query, { updatedTo: '2026-03-01' }, { field: 'updateDate', direction: 'asc' })).toBe(
      '/work-orders?group=g1&updatedTo=2026-03-01&review=all&sort=updateDate',
    );
  });

  it('links a per-task row to its work orders, with the task state of the clicked count', () => {
    const { query } = parse('group=g1');
    expect(taskListHref(query, { taskGroupName: 'Front view', taskName: 'cable' })).toBe(
      '/work-orders?group=g1&review=all&taskGroup=Front+view&task=cable',
    );
    expect(taskListHref(query, { taskGroupName: 'front', taskName: 'cable' }, 'not_validated')).toBe(
      '/work-orders?group=g1&review=all&taskGroup=front&task=cable&taskState=not_validated',
    );
    expect(taskListHref(query, { taskGroupName: 'front', taskName: null }, 'corrected')).toBe(
      '/work-orders?group=g1&review=all&taskGroup=front&taskState=corrected',
    );
    // The overview's own task filter is replaced by the clicked row's.
    expect(taskListHref(parse('task=seal&taskState=corrected').query, { taskGroupName: 'front', taskName: 'cable' })).toBe(
      '/work-orders?review=all&taskGroup=front&task=cable',
    );
  });

  it('gives no share of nothing', () => {
    expect(share(1, 4)).toBe(0.25);
    expect(share(0, 0)).toBeNull();
  });
});
