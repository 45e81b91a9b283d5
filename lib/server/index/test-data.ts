import type { WorkOrder } from '@/lib/server/deepomatic/types';

let counter = 0;

/** A hand-made work order for tests: 3 conformity tasks (validated, not validated, not analysed), one corrected. */
export function makeWorkOrder(overrides: Partial<WorkOrder> = {}): WorkOrder {
  counter += 1;
  const hex = counter.toString(16).padStart(12, '0');
  const id = `00000000-0000-4000-8000-${hex}`;
  const task = (n: number, state: WorkOrder['tasks'][number]['state']): WorkOrder['tasks'][number] => ({
    id: `00000000-0000-4000-9000-${hex.slice(0, 10)}${n.toString().padStart(2, '0')}`,
    name: `task_${n}`,
    sentence: '',
    task_group_name: 'front',
    mandatory: true,
    only_for_dashboard: false,
    conformity_status: true,
    outcome_type: 'Boolean',
    outcome_display: null,
    outcome_validation: null,
    state,
  });
  const state = (validated: boolean, corrected: boolean) => ({
    analyzed_value: true,
    corrected_value: corrected ? false : null,
    message: null,
    color: null,
    is_conformity_validated: validated,
    analyzed_inputs: [],
    update_date: null,
  });
  return {
    id,
    name: `Work order ${counter}`,
    site_id: 'site-1',
    app_version_id: 'v1',
    create_date: '2026-01-01T00:00:00.000000Z',
    update_date: '2026-01-01T00:00:00.000000Z',
    review_date: null,
    metadata: {},
    tags: [],
    field_engineer_email: 'tech@example.com',
    field_engineer_name: 'Tech',
    user_group_ids: [],
    work_order_types: [],
    progress_score: 33,
    task_groups: [],
    tasks: [task(1, state(true, false)), task(2, state(false, true)), task(3, null)],
    inputs: [
      { id: 'i1', task_group_name: 'front', type: 'image', url: null, create_date: null, status: 'conformity_error', conformity_messages: [] },
      { id: 'i2', task_group_name: 'front', type: 'image', url: null, create_date: null, status: 'analysis_ok', conformity_messages: [] },
    ],
    ...overrides,
  };
}
