import type { Db } from '@/lib/server/db/client';
import { auditLog, workOrderIndex } from '@/lib/server/db/schema';
import type { WorkOrder } from '@/lib/server/deepomatic/types';
import { upsertIndexRows } from '@/lib/server/index/index';
import { workOrderToRow } from '@/lib/server/index/row';
import { eq } from 'drizzle-orm';
import { indexWorkOrderTasks } from './task-index';

/**
 * A small fleet whose overview is computed by hand in `aggregates.test.ts` (and described
 * there). "Now" is 2026-03-10 12:00 UTC. Tasks are Boolean with the rule true = validated.
 */
export const NOW = new Date('2026-03-10T12:00:00.000Z');

type TaskSpec = 'ok' | 'ko' | 'none' | 'ok>ko' | 'ko>ok';
type Input = 'front' | 'front!' | 'back'; // `!` = conformity error

const RULES = [
  { schema: { const: true }, color: '#00aa00', sentence: 'OK', not_analyzed: false, is_conformity_validated: true },
  { schema: { const: false }, color: '#aa0000', sentence: 'KO', not_analyzed: false, is_conformity_validated: false },
];

function state(spec: TaskSpec): WorkOrder['tasks'][number]['state'] {
  if (spec === 'none') return null;
  const analyzed = spec === 'ok' || spec === 'ok>ko';
  const corrected = spec === 'ok>ko' ? false : spec === 'ko>ok' ? true : null;
  const effective = corrected ?? analyzed;
  return {
    analyzed_value: analyzed,
    corrected_value: corrected,
    message: null,
    color: null,
    is_conformity_validated: effective,
    analyzed_inputs: [],
    update_date: null,
  };
}

interface Spec {
  letter: string;
  engineer: string | null;
  groups: string[];
  score: number;
  created: string;
  updated: string;
  version?: string;
  tasks: { cable: TaskSpec; label: TaskSpec; seal: TaskSpec };
  inputs: Input[];
  tags?: string[];
  types?: string[];
}

export const FLEET: Spec[] = [
  { letter: 'a', engineer: 'a@x.test', groups: ['g1'], score: 100, created: '2026-03-10T08:00:00Z', updated: '2026-03-10T09:00:00Z', tasks: { cable: 'ok', label: 'ok', seal: 'ok' }, inputs: ['front', 'back'], tags: ['urgent'], types: ['install'] },
  { letter: 'b', engineer: 'a@x.test', groups: ['g1', 'g2'], score: 100, created: '2026-03-09T08:00:00Z', updated: '2026-03-09T10:00:00Z', tasks: { cable: 'ko>ok', label: 'ok', seal: 'ok' }, inputs: ['front!', 'front', 'back'], tags: ['urgent', 'night'], types: ['install', 'repair'] },
  { letter: 'c', engineer: 'b@x.test', groups: ['g2'], score: 33, created: '2026-03-01T08:00:00Z', updated: '2026-03-02T08:00:00Z', tasks: { cable: 'ok', label: 'ko', seal: 'none' }, inputs: ['front', 'front!'], tags: ['night'], types: ['repair'] },
  { letter: 'd', engineer: null, groups: [], score: 0, created: '2026-02-20T08:00:00Z', updated: '2026-02-20T08:00:00Z', tasks: { cable: 'none', label: 'none', seal: 'none' }, inputs: [] },
  { letter: 'e', engineer: 'b@x.test', groups: ['g1'], score: 33, created: '2026-03-08T08:00:00Z', updated: '2026-03-09T00:00:00Z', tasks: { cable: 'ok>ko', label: 'ok', seal: 'ko' }, inputs: ['front', 'back'], tags: ['urgent', 'urgent'] },
  { letter: 'f', engineer: 'c@x.test', groups: ['g3'], score: 67, created: '2026-03-10T01:00:00Z', updated: '2026-03-10T02:00:00Z', version: 'v2', tasks: { cable: 'ok', label: 'ko>ok', seal: 'ko' }, inputs: ['front', 'back'], types: ['install'] },
];

export const idOf = (letter: string) => `00000000-0000-4000-8000-00000000000${letter}`;
const taskId = (letter: string, name: string) => `${letter}-${name}`;

export function fleetWorkOrder(spec: Spec): WorkOrder {
  const task = (name: 'cable' | 'label' | 'seal') => ({
    id: taskId(spec.letter, name),
    name,
    sentence: '',
    task_group_name: name === 'seal' ? 'back' : 'front',
    mandatory: true,
    only_for_dashboard: false,
    conformity_status: true,
    outcome_type: 'Boolean' as const,
    outcome_display: null,
    outcome_validation: RULES,
    state: state(spec.tasks[name]),
  });
  return {
    id: idOf(spec.letter),
    name: `Work order ${spec.letter.toUpperCase()}`,
    site_id: 'site-1',
    app_version_id: spec.version ?? 'v1',
    create_date: spec.created,
    update_date: spec.updated,
    review_date: null,
    metadata: {},
    tags: spec.tags ?? [],
    field_engineer_email: spec.engineer,
    field_engineer_name: spec.engineer ? spec.engineer.split('@')[0].toUpperCase() : null,
    user_group_ids: spec.groups,
    work_order_types: spec.types ?? [],
    progress_score: spec.score,
    task_groups: [],
    tasks: [task('cable'), task('label'), task('seal')],
    inputs: spec.inputs.map((input, i) => ({
      id: `${spec.letter}-input-${i}`,
      task_group_name: input.startsWith('front') ? 'front' : 'back',
      type: 'image' as const,
      url: null,
      create_date: null,
      status: input.endsWith('!') ? ('conformity_error' as const) : ('analysis_ok' as const),
      conformity_messages: [],
    })),
  } as WorkOrder;
}

/** Writes the fleet, B's review, and the correction audit rows. */
export async function seedFleet(db: Db): Promise<void> {
  const workOrders = FLEET.map(fleetWorkOrder);
  await upsertIndexRows(db, workOrders.map((workOrder) => workOrderToRow(workOrder, NOW)));
  await indexWorkOrderTasks(db, workOrders);
  await db
    .update(workOrderIndex)
    .set({ reviewStatus: 'reviewed', reviewedAt: new Date('2026-03-10T10:00:00Z') })
    .where(eq(workOrderIndex.id, idOf('b')));
  const correction = (letter: string, task: string, at: string, outcome: 'applied' | 'rejected', beforeValidated: boolean) => ({
    action: 'correction',
    at: new Date(at),
    workOrderId: idOf(letter),
    taskId: taskId(letter, task),
    taskGroupName: task === 'seal' ? 'back' : 'front',
    taskName: task,
    before: { analyzedValue: beforeValidated, correctedValue: null, effectiveValue: beforeValidated, validated: beforeValidated },
    after: { correctedValue: !beforeValidated },
    outcome,
  });
  await db.insert(auditLog).values([
    correction('b', 'cable', '2026-03-09T12:00:00Z', 'applied', false),
    correction('e', 'cable', '2026-03-10T11:00:00Z', 'applied', true),
    correction('c', 'label', '2026-03-10T11:30:00Z', 'rejected', false),
  ]);
}
