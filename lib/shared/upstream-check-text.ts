import type { Degradation, ListReport, ReadReport, UpstreamCheckReport } from './upstream-check';

/**
 * The upstream check in words, from the `admin.site` messages: shared by the admin page and
 * `npm run check-upstream`, so both say the same thing.
 */

/** A translator scoped to `admin.site` (next-intl's `useTranslations` or `createTranslator`). */
export type Translate = (key: string, values?: Record<string, string | number>) => string;

const OUTCOMES = new Set([
  'skipped',
  'not_found',
  'upstream_redirect',
  'upstream_auth_failed',
  'upstream_error',
  'upstream_timeout',
  'upstream_unavailable',
  'upstream_invalid_response',
  'upstream_too_large',
  'upstream_rejected',
]);

/**
 * How a read went: `ok`; `skipped`; `spare` for a form of the task-group URL that failed while
 * the other form answers (the app uses the one that works); `failed`.
 */
export type ReadState = 'ok' | 'skipped' | 'spare' | 'failed';

const TASK_GROUP_FORMS = ['task_group_slashless', 'task_group_slashed'] as const;

export function readState(reads: readonly ReadReport[], read: ReadReport): ReadState {
  if (read.outcome === 'ok') return 'ok';
  if (read.outcome === 'skipped') return 'skipped';
  const forms: readonly string[] = TASK_GROUP_FORMS;
  if (forms.includes(read.read) && reads.some((other) => other !== read && forms.includes(other.read) && other.outcome === 'ok')) return 'spare';
  return 'failed';
}

export function resultText(t: Translate, report: UpstreamCheckReport): string {
  if (!report.usable) return t('result.unusable', { reason: t(`blocker.${report.blocker ?? 'unreachable'}`) });
  return report.degraded.length === 0 ? t('result.ok') : t('result.degraded', { count: report.degraded.length });
}

/** What a read got: the answer's shape when it succeeded, else what went wrong. */
export function readAnswer(t: Translate, read: ReadReport, state: ReadState = 'ok'): string {
  if (state === 'spare') return `${outcomeText(t, read.outcome)} — ${t('otherFormAnswers')}`;
  if (read.outcome !== 'ok') return outcomeText(t, read.outcome);
  const shape = read.shape;
  if (shape === null) return '';
  switch (shape.kind) {
    case 'task_group_list':
      return t('shape.task_group_list', { count: shape.taskGroups });
    case 'task_group':
      return t('shape.task_group', { tasks: shape.tasks });
    case 'work_order_page':
      return t('shape.work_order_page', { rows: shape.rows, count: shape.count });
    case 'timeline':
      return t('shape.timeline', { events: shape.events });
    case 'work_order': {
      const counts = { taskGroups: shape.taskGroups, tasks: shape.tasks };
      const text = shape.inputs === null ? t('shape.work_order_no_inputs', counts) : t('shape.work_order', { ...counts, inputs: shape.inputs });
      return shape.unreadableTasks > 0 ? `${text}, ${t('shape.unreadable_tasks', { count: shape.unreadableTasks })}` : text;
    }
  }
}

function outcomeText(t: Translate, outcome: string): string {
  return OUTCOMES.has(outcome) ? t(`outcome.${outcome}`) : t('outcome.other', { code: outcome });
}

export function degradationText(t: Translate, degradation: Degradation): string {
  return t(`degraded.${degradation.key}`, { fields: (degradation.fields ?? []).join(', '), size: degradation.size ?? 0 });
}

function honoured(t: Translate, value: boolean | null): string {
  return value === null ? t('list.unknown') : value ? t('list.honoured') : t('list.ignored');
}

/** Each list parameter (and the rows) with what the site does with it. */
export function listLines(t: Translate, list: ListReport): { parameter: string; behaviour: string }[] {
  return [
    {
      parameter: 'page_size',
      behaviour:
        list.pageSizeHonoured === false && list.sitePageSize !== null
          ? t('list.ignoredSize', { size: list.sitePageSize })
          : honoured(t, list.pageSizeHonoured),
    },
    { parameter: 'ordering', behaviour: honoured(t, list.orderingHonoured) },
    { parameter: 'updated_after', behaviour: honoured(t, list.updatedAfterHonoured) },
    {
      parameter: t('list.rows'),
      behaviour: list.rowFieldsAbsent.length === 0 ? t('list.rowsWhole') : t('list.rowsThin', { fields: list.rowFieldsAbsent.join(', ') }),
    },
  ];
}
