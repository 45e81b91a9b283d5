import { describe, expect, it } from 'vitest';
import { workOrderSchema } from '@/lib/server/deepomatic/schemas';
import { parseIfMatch, safeColor, taskVersion, toWorkOrderDto } from './mappers';

// Upstream objects reach the mappers as the client parsed them: these go through its schema.
type RawTask = Record<string, unknown>;

const WO = '3f6c1d2e-8a4b-4c5d-9e7f-0a1b2c3d4e5f';
const T1 = '16a31c29-6689-4e28-bf55-6bb8d13a4cc9';
const T2 = 'b6eadaea-fa3f-4b0c-bc84-bca1654c0195';
const T3 = '81721d6f-9ba5-46c3-b55d-f6d8a678af6a';

const rules = [
  { schema: { type: 'boolean', const: true }, color: '#26e4bc', sentence: 'OK', not_analyzed: false, is_conformity_validated: true },
  { schema: { type: 'boolean', const: false }, color: 'red;background:url(x)', sentence: 'KO', not_analyzed: false, is_conformity_validated: false },
];

function task(id: string, group: string, state: Record<string, unknown> | null, extra: RawTask = {}): RawTask {
  return {
    id,
    name: `task_${id.slice(0, 4)}`,
    sentence: 'S',
    task_group_name: group,
    outcome_type: 'Boolean',
    conformity_status: true,
    outcome_validation: rules,
    state,
    ...extra,
  };
}

const state = (analyzed: boolean | null, corrected: boolean | null = null, update = '2026-01-01T00:00:00.000000Z') => ({
  analyzed_value: analyzed,
  corrected_value: corrected,
  message: 'm',
  color: '#26e4bc',
  is_conformity_validated: (corrected ?? analyzed) === true,
  analyzed_inputs: [{ input_id: 'in-1', bounding_boxes: [{ xmin: 0.1, ymin: 0.2, xmax: 0.3, ymax: 0.4, label: 'pm' }] }],
  update_date: update,
});

const workOrder = workOrderSchema.parse({
  id: WO,
  name: 'wo',
  create_date: '2026-01-01T00:00:00.000000Z',
  update_date: '2026-01-02T00:00:00.000000Z',
  progress_score: 50,
  metadata: { region: 'North', nested: { a: 1 } },
  task_groups: [
    { id: 'g2', name: 'second', display_name: 'Second', order: 2, input_examples: ['https://storage.googleapis.com/x.png'], tasks: [T3] },
    { id: 'g1', name: 'first', display_name: '', order: 1, input_examples: [], tasks: [T1] },
  ],
  tasks: [task(T1, 'first', state(true)), task(T2, 'orphan', null), task(T3, 'second', state(false, true))],
  inputs: [
    {
      id: 'in-1',
      task_group_name: 'first',
      type: 'image',
      url: 'https://storage.googleapis.com/secret-signed-url',
      conformity_messages: [{ code: 'blur', name: 'Blur', level: 'error', message: 'Blurry' }],
    },
  ],
});

describe('toWorkOrderDto', () => {
  const dto = toWorkOrderDto(workOrder);

  it('sorts task groups by order and puts tasks of unlisted groups in a trailing group', () => {
    expect(dto.taskGroups.map((g) => g.name)).toEqual(['first', 'second', 'orphan']);
    expect(dto.taskGroups[0].displayName).toBe('first');
    expect(dto.taskGroups[2].tasks.map((t) => t.id)).toEqual([T2]);
  });

  it('replaces upstream URLs by our proxy routes', () => {
    expect(dto.inputs[0].imageUrl).toBe(`/api/work-orders/${WO}/inputs/in-1/image`);
    expect(dto.taskGroups[1].exampleImageUrls).toEqual(['/api/task-groups/second/examples/0']);
    expect(JSON.stringify(dto)).not.toContain('storage.googleapis.com');
  });

  it('derives effective value, corrected, analysed, validated and the flags', () => {
    const [t1] = dto.taskGroups[0].tasks;
    const [t3] = dto.taskGroups[1].tasks;
    const [t2] = dto.taskGroups[2].tasks;
    expect(t1).toMatchObject({ effectiveValue: true, corrected: false, analyzed: true, validated: true, countedInScore: true, pushedToField: true });
    expect(t3).toMatchObject({ effectiveValue: true, corrected: true, analyzed: true, validated: true });
    expect(t2).toMatchObject({ effectiveValue: null, analyzed: false, validated: false, state: null });
    expect(t1.state?.analyzedInputs[0].boundingBoxes[0]).toEqual({ xmin: 0.1, ymin: 0.2, xmax: 0.3, ymax: 0.4, label: 'pm' });
    expect(dto.counts).toEqual({ total: 3, analyzed: 2, notAnalyzed: 1, validated: 2, notValidated: 1, corrected: 1, countedInScore: 3 });
  });

  it('keeps only #rrggbb colours and scalar metadata', () => {
    expect(dto.taskGroups[0].tasks[0].rules[1].color).toBe('');
    expect(dto.metadata).toEqual({ region: 'North', nested: '{"a":1}' });
    expect(safeColor('#AbCdEf')).toBe('#AbCdEf');
    expect(safeColor('#abc')).toBeNull();
  });
});

describe('taskVersion', () => {
  it('changes with the AI value, the corrected value and the state date, not otherwise', () => {
    const base = taskVersion(T1, state(true));
    expect(taskVersion(T1, state(true))).toBe(base);
    expect(taskVersion(T1, state(false))).not.toBe(base);
    expect(taskVersion(T1, state(true, false))).not.toBe(base);
    expect(taskVersion(T1, state(true, null, '2026-01-03T00:00:00.000000Z'))).not.toBe(base);
    expect(taskVersion(T2, state(true))).not.toBe(base);
    expect(taskVersion(T1, null)).not.toBe(taskVersion(T1, state(null)));
  });
});

describe('parseIfMatch', () => {
  it.each([
    ['"abc"', 'abc'],
    ['W/"abc"', 'abc'],
    [' abc ', 'abc'],
    ['""', null],
    ['', null],
    [null, null],
    [`"${'x'.repeat(200)}"`, null],
  ])('%j → %j', (header, expected) => {
    expect(parseIfMatch(header)).toBe(expected);
  });
});
