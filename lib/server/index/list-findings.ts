import { firstTimeNotes } from '@/lib/server/deepomatic/shape-notes';
import type { WorkOrderListRow, WorkOrderPage } from '@/lib/server/deepomatic/types';
import { logger } from '@/lib/server/logger';
import type { ListFindings } from '@/lib/shared/upstream-check';

/**
 * What the index sync learns about the site's work-order list while walking it.
 *
 * The documents name the list endpoint but none of its parameters or row fields, so the sync
 * checks what each page says about them instead of trusting them:
 *
 * - `updated_after` ignored (rows older than the filter come back, or a filter in the future
 *   still lists work orders): an incremental sync would list everything anyway, so it walks the
 *   whole list as the full sync does, with deletion detection.
 * - `ordering` ignored (rows out of the order asked for): the incremental watermark is no longer
 *   moved page by page (a later page may hold older changes), only after a complete walk.
 * - `page_size` ignored (a page followed by another one holds a different number of rows): the
 *   walk follows the site's `next` links and bounds itself by the site's own page size.
 * - rows without some summary fields: such a row cannot stand for its work order, so the work
 *   order itself is read (unless the row carries an unchanged update date).
 *
 * Each run records what it saw (`index_sync_state.list_findings`, shown to admins) and each
 * finding is logged once per process.
 */ export type { ListFindings };

export const NO_FINDINGS: ListFindings = Object.freeze({
  updatedAfterIgnored: false,
  orderingIgnored: false,
  sitePageSize: null,
  rowFieldsAbsent: [],
});

/** Findings of several runs (or jobs) together: whatever one of them saw. */
export function mergeFindings(...all: readonly (ListFindings | null | undefined)[]): ListFindings {
  const present = all.filter((findings): findings is ListFindings => findings !== null && findings !== undefined);
  const fields = new Set(present.flatMap((findings) => findings.rowFieldsAbsent));
  return {
    updatedAfterIgnored: present.some((findings) => findings.updatedAfterIgnored),
    orderingIgnored: present.some((findings) => findings.orderingIgnored),
    sitePageSize: present.map((findings) => findings.sitePageSize).find((size) => size !== null) ?? null,
    rowFieldsAbsent: [...fields].sort(),
  };
}

/** Whether the findings call for any fallback at all. */
export function hasFindings(findings: ListFindings): boolean {
  return findings.updatedAfterIgnored || findings.orderingIgnored || findings.sitePageSize !== null || findings.rowFieldsAbsent.length > 0;
}

/**
 * A site that honours `updated_after` never lists a work order updated before it. Allows one
 * second for a site that compares whole seconds.
 */
const FILTER_TOLERANCE_MS = 1_000;

function time(value: string | null): number | null {
  if (value === null) return null;
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? null : parsed;
}

/** Whether a page of an `updated_after` list shows that the filter was not applied. */
export function listsOlderThan(rows: readonly WorkOrderListRow[], updatedAfter: Date): boolean {
  return rows.some((row) => {
    const updated = time(row.update_date);
    return updated !== null && updated < updatedAfter.getTime() - FILTER_TOLERANCE_MS;
  });
}

const log = logger.child({ component: 'index-sync' });

const FINDING_TEXT = {
  updated_after_ignored: 'the site ignores updated_after: incremental syncs walk every work order, as a full sync does',
  ordering_ignored: 'the site ignores ordering: the sync moves its watermark only after a complete walk',
  page_size_ignored: "the site ignores page_size: the sync follows the site's next links and page size",
  row_fields_absent: 'list rows lack summary fields: each such work order is read in full',
} as const;

/** Logs `finding` the first time this process sees it. */
function logOnce(finding: keyof typeof FINDING_TEXT, details: Record<string, unknown> = {}): void {
  if (firstTimeNotes('work-orders/ (list behaviour)', [finding]).length === 0) return;
  log.warn({ event: 'upstream_list_behaviour', finding, ...details }, FINDING_TEXT[finding]);
}

/**
 * Watches the pages of one list walk, in order: what the site did with what it was asked.
 * `sortedBy` is the date the walk asked the list to be sorted on (ascending).
 */
export class ListObserver {
  readonly findings: ListFindings = { ...NO_FINDINGS, rowFieldsAbsent: [] };
  private lastKey: number | null = null;

  constructor(private readonly asked: { pageSize: number; sortedBy: 'create_date' | 'update_date'; updatedAfter?: Date }) {}

  /** Whether every page so far came in the order asked for. */
  get inOrder(): boolean {
    return !this.findings.orderingIgnored;
  }

  page(page: Pick<WorkOrderPage, 'results' | 'nextCursor'>): void {
    const rows = page.results;
    if (rows.length > this.asked.pageSize || (page.nextCursor !== null && rows.length !== this.asked.pageSize && rows.length > 0)) {
      this.noteSitePageSize(rows.length);
    }
    const absent = new Set(this.findings.rowFieldsAbsent);
    for (const row of rows) for (const field of row.absent) absent.add(field);
    if (absent.size > this.findings.rowFieldsAbsent.length) {
      this.findings.rowFieldsAbsent = [...absent].sort();
      logOnce('row_fields_absent', { fields: this.findings.rowFieldsAbsent });
    }
    if (this.asked.updatedAfter && listsOlderThan(rows, this.asked.updatedAfter)) this.noteUpdatedAfterIgnored();
    for (const row of rows) {
      const key = time(row[this.asked.sortedBy]);
      if (key === null) continue;
      if (this.lastKey !== null && key < this.lastKey && !this.findings.orderingIgnored) {
        this.findings.orderingIgnored = true;
        logOnce('ordering_ignored', { sortedBy: this.asked.sortedBy });
      }
      this.lastKey = key;
    }
  }

  noteUpdatedAfterIgnored(): void {
    if (this.findings.updatedAfterIgnored) return;
    this.findings.updatedAfterIgnored = true;
    logOnce('updated_after_ignored');
  }

  private noteSitePageSize(size: number): void {
    if (this.findings.sitePageSize === null || size > this.findings.sitePageSize) this.findings.sitePageSize = size;
    logOnce('page_size_ignored', { asked: this.asked.pageSize, served: size });
  }
}

/** Upper bound on the pages of one walk: twice what the site's count and page size call for, never less than `floor`. */
export function pageBound(count: number, rowsPerPage: number, floor: number): number {
  if (rowsPerPage <= 0) return floor;
  return Math.max(floor, 2 * Math.ceil(count / rowsPerPage) + 10);
}
