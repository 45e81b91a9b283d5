import { DEGRADATIONS, type Degradation, type DegradationKey, type FieldReport, type ListReport, type ReadReport } from '@/lib/shared/upstream-check';
import { optionalFieldPaths, type OptionalFieldPath, type OptionalShape } from './shape-notes';
import type { WorkOrder } from './types';

/**
 * From what the site answered to what it means for Field Review: which optional fields it
 * provides (the list is `OPTIONAL_FIELDS`, the one the schemas note from), and which features
 * run degraded. Codes only: the admin page and `npm run check-upstream` put them in words from
 * the message catalogue (`admin.site.degraded.*`).
 */

/**
 * What each optional field's absence degrades. Every field of `OPTIONAL_FIELDS` must be here
 * (the type says so): a new optional field comes with its consequence. `null`: the check cannot
 * observe it (an analysis answer would need an analysis, and the check only reads).
 */
const CONSEQUENCES = {
  'work_order.create_date': 'create_date',
  'work_order.update_date': 'update_date',
  'work_order.site_id': 'site_and_version',
  'work_order.app_version_id': 'site_and_version',
  'work_order.field_engineer_name': 'engineer_name',
  'task.sentence': 'task_sentence',
  'task.task_group_name': 'task_group_from_nesting',
  'task.outcome_type': 'outcome_type',
  'task.conformity_status': 'conformity_status',
  'task.outcome_validation': 'outcome_validation',
  'task.state.color': 'verdict_from_rules',
  'task.state.is_conformity_validated': 'verdict_from_rules',
  'task.state.update_date': 'state_update_date',
  'task_group.display_name': 'task_group_display',
  'task_group.description': 'task_group_display',
  'task_group.order': 'task_group_display',
  'input.task_group_name': 'input_details',
  'input.type': 'input_details',
  'input.url': 'input_url',
  'input.create_date': 'input_details',
  'input.status': 'input_details',
  'analysis.status': null,
} as const satisfies Record<OptionalFieldPath, DegradationKey | null>;

/** Which shapes the answers showed at all: a field of a shape never seen is `unknown`. */
function shapesSeen(seen: { taskGroups: boolean; workOrder: WorkOrder | null }): Record<OptionalShape, boolean> {
  const workOrder = seen.workOrder;
  return {
    'work_order.': workOrder !== null,
    'task.': seen.taskGroups || (workOrder?.tasks.length ?? 0) > 0,
    'task.state.': workOrder?.tasks.some((task) => task.state !== null) ?? false,
    'task_group.': seen.taskGroups,
    'input.': (workOrder?.inputs?.length ?? 0) > 0,
    'analysis.': false,
  };
}

function shapeOf(path: OptionalFieldPath): OptionalShape {
  // The longest prefix wins: `task.state.color` is a state field, not a task field.
  if (path.startsWith('task.state.')) return 'task.state.';
  return `${path.slice(0, path.indexOf('.'))}.` as OptionalShape;
}

/** Each optional field: sent in every answer that had its shape (`yes`), missing from one (`no`), or not seen. */
export function fieldReport(reads: readonly ReadReport[], seen: { taskGroups: boolean; workOrder: WorkOrder | null }): FieldReport[] {
  const notes = reads.flatMap((read) => read.notes);
  const shapes = shapesSeen(seen);
  return optionalFieldPaths().map((path) => {
    if (!shapes[shapeOf(path)]) return { path, provided: 'unknown' };
    // A field sent unreadable (`… (unreadable)`) is as good as absent.
    const missing = notes.some((note) => note === path || note.startsWith(`${path} (`));
    return { path, provided: missing ? 'no' : 'yes' };
  });
}

function failed(reads: readonly ReadReport[], name: ReadReport['read']): boolean {
  const read = reads.find((candidate) => candidate.read === name);
  return read !== undefined && read.outcome !== 'ok' && read.outcome !== 'skipped';
}

/** The features that run degraded, in a fixed order, each with the fields behind it. */
export function degradations(input: {
  fields: readonly FieldReport[];
  list: ListReport | null;
  reads: readonly ReadReport[];
  includeInputsIgnored: boolean;
}): Degradation[] {
  const found = new Map<DegradationKey, Degradation>();
  const add = (key: DegradationKey, extra: Omit<Degradation, 'key'> = {}) => {
    const known = found.get(key);
    if (known && extra.fields) known.fields = [...(known.fields ?? []), ...extra.fields];
    else if (!known) found.set(key, { key, ...extra });
  };
  for (const field of input.fields) {
    const consequence = CONSEQUENCES[field.path as OptionalFieldPath];
    if (field.provided === 'no' && consequence !== null) add(consequence, { fields: [field.path] });
  }
  const detail = input.reads.find((read) => read.read === 'work_order')?.shape;
  if (detail?.kind === 'work_order' && detail.unreadableTasks > 0) add('unreadable_tasks');
  const { list } = input;
  if (list && list.rowFieldsAbsent.length > 0) add('list_rows_thin', { fields: [...list.rowFieldsAbsent] });
  if (list?.updatedAfterHonoured === false) add('list_updated_after_ignored');
  if (list?.orderingHonoured === false) add('list_ordering_ignored');
  if (list?.pageSizeHonoured === false) add('list_page_size_ignored', list.sitePageSize === null ? {} : { size: list.sitePageSize });
  if (failed(input.reads, 'task_group_slashless') && failed(input.reads, 'task_group_slashed')) add('task_group_by_name_unavailable');
  if (failed(input.reads, 'timeline')) add('timeline_unavailable');
  if (input.includeInputsIgnored) add('include_inputs_ignored');
  return DEGRADATIONS.flatMap((key) => {
    const degradation = found.get(key);
    return degradation ? [degradation] : [];
  });
}
