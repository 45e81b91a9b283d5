import { createTranslator } from 'next-intl';
import { describe, expect, it } from 'vitest';
import admin from '@/messages/en/admin.json';
import { degradationText, listLines, readAnswer, readState, resultText, type Translate } from './upstream-check-text';
import type { ReadReport, UpstreamCheckReport } from './upstream-check';

const t = createTranslator({ locale: 'en', messages: { admin }, namespace: 'admin.site' }) as unknown as Translate;

const read = (overrides: Partial<ReadReport>): ReadReport => ({
  read: 'task_groups',
  path: 'task-groups/',
  status: 200,
  outcome: 'ok',
  shape: null,
  notes: [],
  ...overrides,
});

describe('the upstream check in words', () => {
  it('says whether the site can be used, and how many features run degraded', () => {
    const report: UpstreamCheckReport = {
      checkedAt: '',
      durationMs: 1,
      usable: true,
      blocker: null,
      reads: [],
      list: null,
      fields: [],
      degraded: [],
    };
    expect(resultText(t, report)).toBe('The site can be used, and nothing runs degraded.');
    expect(resultText(t, { ...report, degraded: [{ key: 'update_date' }] })).toBe('The site can be used; 1 feature runs degraded.');
    expect(resultText(t, { ...report, usable: false, blocker: 'auth_failed' })).toMatch(/^The site cannot be used: it refuses the API key/);
  });

  it('a failed form of the task-group URL is spare while the other one answers', () => {
    const slashless = read({ read: 'task_group_slashless', status: 301, outcome: 'upstream_redirect' });
    const slashed = read({ read: 'task_group_slashed', shape: { kind: 'task_group', tasks: 2 } });
    expect(readState([slashless, slashed], slashless)).toBe('spare');
    expect(readAnswer(t, slashless, 'spare')).toBe('a redirect (not followed) — not needed: the other form answers');
    expect(readState([slashless, { ...slashed, outcome: 'not_found' }], slashless)).toBe('failed');
    expect(readAnswer(t, slashed)).toBe('a task group of 2 tasks');
    expect(readAnswer(t, read({ outcome: 'weird_code' }))).toBe('failed (weird_code)');
  });

  it('answers, degradations and list behaviour', () => {
    expect(
      readAnswer(t, read({ read: 'work_order', shape: { kind: 'work_order', taskGroups: 1, tasks: 3, unreadableTasks: 1, inputs: null } })),
    ).toBe('1 task group, 3 tasks, no inputs, 1 task unreadable');
    expect(degradationText(t, { key: 'list_rows_thin', fields: ['update_date', 'progress_score'] })).toMatch(
      /^Work-order list rows lack update_date, progress_score:/,
    );
    expect(
      listLines(t, { pageSizeHonoured: false, sitePageSize: 100, orderingHonoured: null, updatedAfterHonoured: true, rowFieldsAbsent: [] }),
    ).toEqual([
      { parameter: 'page_size', behaviour: 'ignored (100 rows on a page)' },
      { parameter: 'ordering', behaviour: 'cannot tell' },
      { parameter: 'updated_after', behaviour: 'applied' },
      { parameter: 'rows', behaviour: 'every summary field' },
    ]);
  });
});
