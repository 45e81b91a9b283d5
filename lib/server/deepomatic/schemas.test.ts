import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  analysisCallbackPayloadSchema,
  analyzeCallbackAcceptedSchema,
  analyzeResultSchema,
  colorSchema,
  correctionResultSchema,
  taskGroupListSchema,
  taskGroupSchema,
  timelineSchema,
  workOrderListSchema,
  workOrderSchema,
  workOrderSummarySchema,
} from './schemas';

// The real (anonymised) sample of a Deepomatic site's work orders, which the simulator also serves.
const fixturePath = new URL('../../../simulator/fixtures/deepomatic-sample-work-orders.json', import.meta.url);

function loadFixture(): Record<string, unknown>[] {
  return JSON.parse(readFileSync(fixturePath, 'utf8')) as Record<string, unknown>[];
}

function omit<T extends Record<string, unknown>>(value: T, ...keys: string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([key]) => !keys.includes(key)));
}

const WO = 'd08f8024-65a1-44f0-a9e6-255ce524b946';
const TASK = '16a31c29-6689-4e28-bf55-6bb8d13a4cc9';
const INPUT = '6c1f0a52-3d9e-4f5e-9d1c-0e7a2b8f4c11';

const rule = (validated: boolean, color = '#26e4bc') => ({
  schema: { type: 'boolean', const: validated },
  color,
  sentence: validated ? 'OK' : 'KO',
  not_analyzed: false,
  is_conformity_validated: validated,
});

const state = {
  analyzed_value: false,
  corrected_value: true,
  message: 'OK',
  color: '#26e4bc',
  is_conformity_validated: true,
  analyzed_inputs: [{ input_id: INPUT, bounding_boxes: [{ xmin: 0.1, ymin: 0.2, xmax: 0.5, ymax: 0.6, label: 'pm', score: 0.9 }] }],
  update_date: '2023-02-13T16:20:02.498113Z',
};

/** A work order exactly as the v0.2 wire contract describes it (the shapes in `simulator/README.md`). */
function wireWorkOrder(overrides: Record<string, unknown> = {}) {
  return {
    id: WO,
    name: 'TestQA',
    site_id: 'ed8cf35c-6325-4d38-86da-e8fb21c3d792',
    app_version_id: '90bf1a2c-9437-4594-af13-361e1c3270ba',
    create_date: '2023-02-13T15:59:31.200860Z',
    update_date: '2023-02-13T16:20:02.511009+01:00',
    review_date: null,
    metadata: { 'ID PB': 'Paris', count: 3 },
    tags: ['group-1'],
    field_engineer_email: 'tech@example.com',
    field_engineer_name: 'Tech',
    user_group_ids: [],
    work_order_types: ['maintenance'],
    progress_score: 50,
    task_groups: [
      { id: 'g2', name: 'PM-ferme-apres', display_name: 'PM fermé après', description: '', order: 1, input_examples: [], tasks: [TASK] },
      {
        id: 'g1',
        name: 'pm-ouvert-avant',
        display_name: 'PM ouvert avant',
        description: 'd',
        order: 0,
        input_examples: ['https://x/y.png'],
        tasks: [],
      },
    ],
    tasks: [
      {
        id: TASK,
        name: 'test_performances',
        sentence: 'Test performances',
        task_group_name: 'PM-ferme-apres',
        mandatory: true,
        only_for_dashboard: false,
        conformity_status: true,
        outcome_type: 'Boolean',
        outcome_display: 'Select',
        outcome_validation: [rule(true), rule(false, '#e4264e')],
        state,
      },
    ],
    inputs: [
      {
        id: INPUT,
        task_group_name: 'PM-ferme-apres',
        type: 'image',
        url: 'https://storage.example.com/a.jpg',
        create_date: '2023-02-13T16:20:01.102004Z',
        status: 'analysis_ok',
        conformity_messages: [{ code: 'blur', name: 'Blur', level: 'warning', message: 'Slightly blurry' }],
      },
    ],
    ...overrides,
  };
}

describe('work order', () => {
  it('parses every real sample work order (internal shape: nested tasks, `types`, no tags)', () => {
    const sample = loadFixture();
    expect(sample).toHaveLength(20);
    for (const raw of sample) {
      const workOrder = workOrderSchema.parse(raw);
      expect(workOrder.id).toBe(raw.id);
      expect(workOrder.tags).toEqual([]);
      expect(workOrder.review_date).toBeNull();
      expect(workOrder.work_order_types).toEqual(raw.types);
      // Task groups come back sorted by order, each holding task ids.
      const orders = workOrder.task_groups.map((group) => group.order);
      expect(orders).toEqual([...orders].sort((a, b) => (a ?? 0) - (b ?? 0)));
      for (const group of workOrder.task_groups) {
        expect(group.display_name).toBe(group.name);
        for (const id of group.tasks) expect(typeof id).toBe('string');
      }
      // Every flat task knows its task group.
      expect(workOrder.tasks.length).toBeGreaterThan(0);
      for (const task of workOrder.tasks) {
        expect(task.task_group_name).not.toBeNull();
        expect(['Boolean', 'Number', 'Text']).toContain(task.outcome_type);
      }
      expect(workOrder.inputs).toBeUndefined();
    }
  });

  it('keeps `outcome_validation: null` from the sample', () => {
    const tasks = loadFixture().flatMap((raw) => workOrderSchema.parse(raw).tasks);
    expect(tasks.some((task) => task.outcome_validation === null)).toBe(true);
  });

  it('flattens nested task groups when the flat list is missing', () => {
    const raw = loadFixture()[0];
    const workOrder = workOrderSchema.parse(omit(raw, 'tasks'));
    const nestedCount = (raw.task_groups as { tasks: unknown[] }[]).reduce((sum, group) => sum + group.tasks.length, 0);
    expect(workOrder.tasks).toHaveLength(nestedCount);
    expect(workOrder.tasks.every((task) => task.task_group_name)).toBe(true);
  });

  it('parses the wire-contract shape', () => {
    const workOrder = workOrderSchema.parse(wireWorkOrder());
    expect(workOrder.task_groups.map((group) => group.name)).toEqual(['pm-ouvert-avant', 'PM-ferme-apres']);
    expect(workOrder.task_groups[1].tasks).toEqual([TASK]);
    expect(workOrder.tasks[0].state?.corrected_value).toBe(true);
    expect(workOrder.tasks[0].state?.analyzed_inputs[0].bounding_boxes[0]).toEqual({
      xmin: 0.1,
      ymin: 0.2,
      xmax: 0.5,
      ymax: 0.6,
      label: 'pm',
      score: 0.9,
    });
    expect(workOrder.inputs?.[0].conformity_messages[0].code).toBe('blur');
    expect(workOrder.metadata).toEqual({ 'ID PB': 'Paris', count: 3 });
    expect(workOrder.update_date).toBe('2023-02-13T16:20:02.511009+01:00');
  });

  it('drops unknown fields and lowercases ids', () => {
    const workOrder = workOrderSchema.parse(wireWorkOrder({ id: WO.toUpperCase(), debug_token: 'x', __proto__: { admin: true } }));
    expect(workOrder.id).toBe(WO);
    expect('debug_token' in workOrder).toBe(false);
  });

  it.each([
    ['progress_score as text', { progress_score: '100; DROP' }],
    ['progress_score above 100', { progress_score: 101 }],
    ['progress_score negative', { progress_score: -1 }],
    ['missing id', { id: undefined }],
    ['id that is not a UUID', { id: '../../admin' }],
  ])('rejects %s', (_label, overrides) => {
    expect(workOrderSchema.safeParse(wireWorkOrder(overrides)).success).toBe(false);
  });

  // One unreadable part degrades that part only, never the whole work order.
  it('a malformed date becomes unknown (null)', () => {
    const workOrder = workOrderSchema.parse(wireWorkOrder({ create_date: '13/02/2023' }));
    expect(workOrder.create_date).toBeNull();
    expect(workOrder.update_date).toBe('2023-02-13T16:20:02.511009+01:00');
  });

  it('an unknown outcome type is kept as declared (the app shows and corrects it as text)', () => {
    const workOrder = workOrderSchema.parse(wireWorkOrder({ tasks: [{ ...wireWorkOrder().tasks[0], outcome_type: 'Image' }] }));
    expect(workOrder.tasks[0].outcome_type).toBe('Image');
  });

  it('a task that cannot be read becomes an unreadable task; the others are kept', () => {
    const good = wireWorkOrder().tasks[0];
    const workOrder = workOrderSchema.parse(wireWorkOrder({ tasks: [good, { ...good, id: 'x/../y', name: 'broken' }] }));
    expect(workOrder.tasks.map((task) => task.id)).toEqual([TASK]);
    expect(workOrder.unreadable_tasks).toEqual([{ id: 'x/../y', name: 'broken', task_group_name: 'PM-ferme-apres' }]);
  });

  it('accepts optional fields missing and fractional progress scores', () => {
    const workOrder = workOrderSchema.parse(omit(wireWorkOrder({ progress_score: 12.5 }), 'review_date', 'tags', 'user_group_ids', 'inputs'));
    expect(workOrder.progress_score).toBe(12.5);
    expect(workOrder.tags).toEqual([]);
    expect(workOrder.review_date).toBeNull();
  });
});

describe('colours: only #rrggbb reaches CSS', () => {
  it.each([
    ['#26e4bc', '#26e4bc'],
    ['#ABCDEF', '#ABCDEF'],
    ['red', null],
    ['red;background:url(http://127.0.0.1:9/x)', null],
    ['#26e4bc;x', null],
    ['#fff', null],
    [42, null],
    [null, null],
    [undefined, null],
  ])('%j → %j', (input, expected) => {
    expect(colorSchema.parse(input)).toBe(expected);
  });

  it('applies to rules and states inside a work order', () => {
    const task = {
      ...wireWorkOrder().tasks[0],
      outcome_validation: [rule(true, 'url(javascript:x)')],
      state: { ...state, color: 'expression(alert(1))' },
    };
    const workOrder = workOrderSchema.parse(wireWorkOrder({ tasks: [task] }));
    expect(workOrder.tasks[0].outcome_validation?.[0].color).toBeNull();
    expect(workOrder.tasks[0].state?.color).toBeNull();
  });
});

describe('lists', () => {
  const summary = omit(wireWorkOrder(), 'task_groups', 'tasks', 'inputs');

  it('parses a DRF page of summaries', () => {
    const page = workOrderListSchema.parse({ count: 1, next: 'https://api.x/v0.2/work-orders/?page=2', previous: null, results: [summary] });
    expect(page.count).toBe(1);
    expect(page.results[0].work_order_types).toEqual(['maintenance']);
    expect('tasks' in page.results[0]).toBe(false);
  });

  it('accepts a bare array', () => {
    const page = workOrderListSchema.parse([summary, summary]);
    expect(page).toMatchObject({ count: 2, next: null, previous: null });
  });

  it('summaries of the real sample parse', () => {
    for (const raw of loadFixture()) expect(workOrderSummarySchema.safeParse(raw).success).toBe(true);
  });

  it('task groups: bare array or page, sorted by order, task group name on every task', () => {
    const groups = loadFixture()[0].task_groups as Record<string, unknown>[];
    const list = taskGroupListSchema.parse(groups);
    expect(list.map((group) => group.order)).toEqual([...list.map((group) => group.order)].sort((a, b) => (a ?? 0) - (b ?? 0)));
    for (const group of list) for (const task of group.tasks) expect(task.task_group_name).toBe(group.name);
    expect(taskGroupListSchema.parse({ count: groups.length, next: null, previous: null, results: groups })).toEqual(list);
    expect(taskGroupSchema.parse(groups[0]).remote_algorithm_instances).toEqual([]);
  });
});

describe('timeline, analysis, correction', () => {
  const event = {
    id: 'e1',
    work_order_id: WO,
    date: '2023-02-13T16:20:02.498113Z',
    type: 'correction',
    user_email: 'api@example.com',
    task_id: TASK,
    task_name: 'test_performances',
    payload: { before: false, after: true },
  };

  it('parses a timeline (bare array), unknown event types kept', () => {
    const timeline = timelineSchema.parse([event, { ...event, id: 2, type: 'review_done', payload: undefined }]);
    expect(timeline[1]).toMatchObject({ id: '2', type: 'review_done', payload: {}, task_group_name: null, input_id: null });
  });

  it('parses a sync analysis result, including a conformity error with no tasks', () => {
    const ok = analyzeResultSchema.parse({
      input: wireWorkOrder().inputs[0],
      conformity_messages: [],
      status: 'analysis_ko',
      tasks: [{ id: TASK, name: 'test_performances', state }],
      progress_score: 14,
    });
    expect(ok.tasks[0].state?.is_conformity_validated).toBe(true);
    const error = analyzeResultSchema.parse({
      input: null,
      conformity_messages: [
        { code: 'blur', name: 'Blur', level: 'error', message: 'Photo floue' },
        { code: 'x', level: 'critical' },
      ],
      status: 'conformity_error',
      tasks: [],
    });
    expect(error.conformity_messages.map((message) => message.level)).toEqual(['error', 'warning']);
    expect(error.progress_score).toBeNull();
    // No status we know: null, for the caller to derive (the documented answer has none).
    expect(analyzeResultSchema.parse({ status: 'done', tasks: [] }).status).toBeNull();
  });

  it('parses the callback acceptance and the callback payload', () => {
    expect(analyzeCallbackAcceptedSchema.parse({ analysis_id: 'a-1', status: 'pending' })).toEqual({ analysis_id: 'a-1', status: 'pending' });
    const payload = analysisCallbackPayloadSchema.parse({
      analysis_id: 'a-1',
      work_order_id: WO,
      status: 'analysis_ok',
      tasks: [],
      conformity_messages: [],
      progress_score: 0,
    });
    expect(payload.work_order_id).toBe(WO);
  });

  it('parses a correction result and refuses one without a state', () => {
    const result = correctionResultSchema.parse({ id: TASK, name: 'test_performances', state, progress_score: 100 });
    expect(result.state.corrected_value).toBe(true);
    expect(correctionResultSchema.safeParse({ id: TASK, progress_score: 100 }).success).toBe(false);
    // A value we cannot read is unknown (null), not a failed correction: the caller re-reads the work order.
    expect(correctionResultSchema.parse({ id: TASK, state: { ...state, corrected_value: { nested: 1 } } }).state.corrected_value).toBeNull();
  });
});

describe('properties', () => {
  it('arbitrary JSON never throws: it parses or is refused', () => {
    const schemas = [workOrderSchema, workOrderListSchema, taskGroupListSchema, timelineSchema, analyzeResultSchema, correctionResultSchema];
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        for (const schema of schemas) expect(() => schema.safeParse(value)).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });

  it('whatever the colour field holds, only #rrggbb or null comes out', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^#[0-9a-fA-F]{6}$/), fc.jsonValue()), (color) => {
        const parsed = correctionResultSchema.safeParse({ id: TASK, state: { ...state, color } });
        expect(parsed.success).toBe(true);
        const out = parsed.success ? parsed.data.state.color : undefined;
        expect(out === null || /^#[0-9a-fA-F]{6}$/.test(out ?? '')).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('random fields on a valid work order never break parsing and never come out', () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.string().filter((key) => !(key in wireWorkOrder()) && key !== '__proto__' && key !== 'types'),
          fc.jsonValue(),
        ),
        (extra) => {
          const parsed = workOrderSchema.parse({ ...wireWorkOrder(), ...extra });
          for (const key of Object.keys(extra)) expect(Object.hasOwn(parsed, key)).toBe(false);
        },
      ),
      { numRuns: 200 },
    );
  });
});
