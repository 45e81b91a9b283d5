import { describe, expect, it } from 'vitest';
import type { SummaryField, WorkOrderListRow } from '@/lib/server/deepomatic/types';
import { blankSummaryFields } from '@/test/fixtures/deepomatic';
import { hasFindings, ListObserver, listsOlderThan, mergeFindings, NO_FINDINGS, pageBound } from './list-findings';

let counter = 0;

/** A whole list row; `absent` names fields the row did not carry. */
function row(dates: { create?: string | null; update?: string | null } = {}, absent: SummaryField[] = []): WorkOrderListRow {
  counter += 1;
  return {
    id: `00000000-0000-4000-8000-${counter.toString(16).padStart(12, '0')}`,
    name: `wo ${counter}`,
    site_id: null,
    app_version_id: null,
    create_date: dates.create ?? null,
    update_date: dates.update ?? null,
    ...blankSummaryFields(),
    progress_score: 0,
    absent,
  };
}

const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString();
const page = (rows: WorkOrderListRow[], hasNext: boolean) => ({ results: rows, nextCursor: hasNext ? 'page=2' : null });

describe('ListObserver', () => {
  it('finds nothing on a list that does what it is asked', () => {
    const observer = new ListObserver({ pageSize: 2, sortedBy: 'update_date', updatedAfter: new Date(at(1)) });
    observer.page(page([row({ update: at(1) }), row({ update: at(2) })], true));
    observer.page(page([row({ update: at(3) })], false)); // the last page may be shorter
    expect(observer.findings).toEqual(NO_FINDINGS);
    expect(observer.inOrder).toBe(true);
    expect(hasFindings(observer.findings)).toBe(false);
  });

  it('a page followed by another one with a different size: the site pages by its own size', () => {
    const smaller = new ListObserver({ pageSize: 40, sortedBy: 'create_date' });
    smaller.page(page([row(), row(), row()], true));
    expect(smaller.findings.sitePageSize).toBe(3);
    const larger = new ListObserver({ pageSize: 2, sortedBy: 'create_date' });
    larger.page(page([row(), row(), row()], false));
    expect(larger.findings.sitePageSize).toBe(3);
  });

  it('collects the summary fields rows lack', () => {
    const observer = new ListObserver({ pageSize: 2, sortedBy: 'create_date' });
    observer.page(page([row({}, ['update_date']), row({}, ['progress_score', 'update_date'])], true));
    observer.page(page([row()], false));
    expect(observer.findings.rowFieldsAbsent).toEqual(['progress_score', 'update_date']);
  });

  it('rows out of the order asked for, within a page or across pages', () => {
    const within = new ListObserver({ pageSize: 2, sortedBy: 'update_date' });
    within.page(page([row({ update: at(5) }), row({ update: at(4) })], false));
    expect(within.findings.orderingIgnored).toBe(true);
    expect(within.inOrder).toBe(false);

    const across = new ListObserver({ pageSize: 1, sortedBy: 'create_date' });
    across.page(page([row({ create: at(5) })], true));
    expect(across.inOrder).toBe(true);
    across.page(page([row({ create: at(2) })], false));
    expect(across.findings.orderingIgnored).toBe(true);

    // Ties are in order; rows without the date say nothing.
    const ties = new ListObserver({ pageSize: 3, sortedBy: 'create_date' });
    ties.page(page([row({ create: at(5) }), row(), row({ create: at(5) })], false));
    expect(ties.findings.orderingIgnored).toBe(false);
  });

  it('rows updated before updated_after: the filter was not applied', () => {
    const observer = new ListObserver({ pageSize: 2, sortedBy: 'update_date', updatedAfter: new Date(at(10)) });
    observer.page(page([row({ update: at(10) }), row({ update: at(11) })], true));
    expect(observer.findings.updatedAfterIgnored).toBe(false);
    observer.page(page([row({ update: at(3) })], false));
    expect(observer.findings.updatedAfterIgnored).toBe(true);
  });
});

describe('listsOlderThan', () => {
  it('allows a site comparing whole seconds, not more', () => {
    const watermark = new Date('2026-01-01T00:00:10.750Z');
    expect(listsOlderThan([row({ update: '2026-01-01T00:00:10.000Z' })], watermark)).toBe(false);
    expect(listsOlderThan([row({ update: '2026-01-01T00:00:09.000Z' })], watermark)).toBe(true);
    expect(listsOlderThan([row({ update: null }), row({ update: 'not a date' })], watermark)).toBe(false);
  });
});

describe('mergeFindings', () => {
  it('keeps whatever one run saw', () => {
    expect(
      mergeFindings({ updatedAfterIgnored: true, orderingIgnored: false, sitePageSize: null, rowFieldsAbsent: ['update_date'] }, null, {
        updatedAfterIgnored: false,
        orderingIgnored: true,
        sitePageSize: 100,
        rowFieldsAbsent: ['progress_score', 'update_date'],
      }),
    ).toEqual({ updatedAfterIgnored: true, orderingIgnored: true, sitePageSize: 100, rowFieldsAbsent: ['progress_score', 'update_date'] });
    expect(mergeFindings()).toEqual(NO_FINDINGS);
  });
});

describe('pageBound', () => {
  it('is twice what the count calls for at the site page size, never below the floor', () => {
    expect(pageBound(100_000, 10, 10_000)).toBe(20_010);
    expect(pageBound(200, 100, 10_000)).toBe(10_000);
    expect(pageBound(5, 0, 10_000)).toBe(10_000);
  });
});
