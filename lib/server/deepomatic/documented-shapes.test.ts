import { describe, expect, it } from 'vitest';
import { evaluateTask } from '@/lib/shared/progress-score';
import {
  analysisCallbackPayloadSchema,
  analyzeResultSchema,
  correctionResultSchema,
  taskGroupSchema,
  workOrderSchema,
  workOrderSummarySchema,
} from './schemas';
import { collectShapeNotes, firstTimeNotes, resetShapeNotes } from './shape-notes';

/**
 * Answers with only what the API's documents name (the shapes of the simulator's `documented`
 * profile): every one must be read in full, with what the documents leave out derived from the
 * rules or reported as unknown.
 */

const WO = 'd08f8024-65a1-44f0-a9e6-255ce524b946';
const BOOL_TASK = '16a31c29-6689-4e28-bf55-6bb8d13a4cc9';
const NUMBER_TASK = 'b6eadaea-fa3f-4b0c-bc84-bca1654c0195';
const TEXT_TASK = '81721d6f-9ba5-46c3-b55d-f6d8a678af6a';
const INPUT = '6c1f0a52-3d9e-4f5e-9d1c-0e7a2b8f4c11';

const booleanRules = [
  { schema: { type: 'boolean', const: true }, color: '#26e4bc', sentence: 'Photo correcte', not_analyzed: false, is_conformity_validated: true },
  { schema: { type: 'boolean', const: false }, color: '#e4264e', sentence: 'Photo incorrecte', not_analyzed: false, is_conformity_validated: false },
];
const numberRules = [
  { schema: { type: 'number', maximum: 25 }, color: '#26e4bc', sentence: '{} dB', not_analyzed: false, is_conformity_validated: true },
  {
    schema: { type: 'number', exclusiveMinimum: 25 },
    color: '#e4264e',
    sentence: 'Trop: {} dB',
    not_analyzed: false,
    is_conformity_validated: false,
  },
];

function documentedWorkOrder() {
  return {
    id: WO,
    name: 'Poste Sud / Lyon 3e — é',
    metadata: { region: 'Sud' },
    tags: [],
    field_engineer_email: null,
    user_group_ids: [],
    work_order_types: [],
    progress_score: 50,
    review_date: null,
    task_groups: [
      {
        id: 'g1',
        name: 'mesure-optique',
        input_examples: [],
        tasks: [
          {
            id: BOOL_TASK,
            name: 'ecran_lisible',
            only_for_dashboard: false,
            conformity_status: true,
            outcome_type: 'Boolean',
            outcome_validation: booleanRules,
            state: {
              analyzed_value: false,
              corrected_value: 'true',
              message: 'Photo correcte',
              analyzed_inputs: [{ input_id: INPUT, bounding_boxes: [{ xmin: 0.1, ymin: 0.1, xmax: 0.5, ymax: 0.5 }] }],
            },
          },
          {
            id: NUMBER_TASK,
            name: 'attenuation_db',
            only_for_dashboard: false,
            conformity_status: true,
            outcome_type: 'Number',
            outcome_validation: numberRules,
            state: { analyzed_value: '28.5', corrected_value: null, message: 'Trop: 28.5 dB', analyzed_inputs: [] },
          },
          {
            id: TEXT_TASK,
            name: 'reference_cable',
            only_for_dashboard: true,
            conformity_status: false,
            outcome_type: 'Text',
            outcome_validation: null,
            state: null,
          },
        ],
      },
    ],
    inputs: [
      {
        id: INPUT,
        url: 'https://storage.example.com/a.png',
        conformity_messages: [{ code: 'blur', name: 'Blur', level: 'error', message: 'Blurry' }],
      },
    ],
  };
}

describe('a work order with only documented fields', () => {
  const workOrder = workOrderSchema.parse(documentedWorkOrder());

  it('is read whole: name as given, no dates, tasks flattened from their task group', () => {
    expect(workOrder.name).toBe('Poste Sud / Lyon 3e — é');
    expect(workOrder.create_date).toBeNull();
    expect(workOrder.update_date).toBeNull();
    expect(workOrder.site_id).toBeNull();
    expect(workOrder.app_version_id).toBeNull();
    expect(workOrder.tasks.map((task) => [task.name, task.task_group_name])).toEqual([
      ['ecran_lisible', 'mesure-optique'],
      ['attenuation_db', 'mesure-optique'],
      ['reference_cable', 'mesure-optique'],
    ]);
    expect(workOrder.task_groups[0]).toMatchObject({
      name: 'mesure-optique',
      display_name: 'mesure-optique',
      order: null,
      tasks: [BOOL_TASK, NUMBER_TASK, TEXT_TASK],
    });
    expect(workOrder.unreadable_tasks).toBeUndefined();
  });

  it('normalises values echoed as text by the task type ("true" → true, "28.5" → 28.5)', () => {
    expect(workOrder.tasks[0].state).toMatchObject({ analyzed_value: false, corrected_value: true });
    expect(workOrder.tasks[1].state).toMatchObject({ analyzed_value: 28.5, corrected_value: null });
  });

  it('derives colour and validation from the rules and the effective value, with the score code (the message as sent)', () => {
    const [boolean, number] = workOrder.tasks;
    expect(boolean.state).toMatchObject({ message: 'Photo correcte', color: '#26e4bc', is_conformity_validated: true, update_date: null });
    expect(number.state).toMatchObject({ message: 'Trop: 28.5 dB', color: '#e4264e', is_conformity_validated: false });
    const expected = evaluateTask({ outcome_validation: numberRules, state: { analyzed_value: 28.5, corrected_value: null } });
    expect(number.state?.color).toBe(expected.color);
  });

  it('derives a message only when the upstream sent none (null means "no message")', () => {
    const raw = documentedWorkOrder();
    const [boolean] = raw.task_groups[0].tasks;
    const withoutMessage = { ...boolean, state: { analyzed_value: false, corrected_value: null, analyzed_inputs: [] } };
    const withNull = { ...boolean, state: { analyzed_value: false, corrected_value: null, message: null } };
    const parsed = workOrderSchema.parse({
      ...raw,
      task_groups: [{ ...raw.task_groups[0], tasks: [withoutMessage, { ...withNull, id: NUMBER_TASK }] }],
    });
    expect(parsed.tasks[0].state?.message).toBe('Photo incorrecte');
    expect(parsed.tasks[1].state?.message).toBeNull();
  });

  it('gives each input its task group (from the tasks that name it), its type and its conformity status', () => {
    expect(workOrder.inputs?.[0]).toMatchObject({
      id: INPUT,
      task_group_name: 'mesure-optique',
      type: 'image',
      status: 'conformity_error',
      create_date: null,
    });
  });

  it('reads list rows with only documented fields', () => {
    const summary: Record<string, unknown> = documentedWorkOrder();
    delete summary.task_groups;
    delete summary.inputs;
    expect(workOrderSummarySchema.parse(summary)).toMatchObject({
      id: WO,
      create_date: null,
      update_date: null,
      field_engineer_name: null,
      progress_score: 50,
    });
  });

  it('reads a task group with only documented fields', () => {
    const group = taskGroupSchema.parse(documentedWorkOrder().task_groups[0]);
    expect(group).toMatchObject({ name: 'mesure-optique', display_name: 'mesure-optique', description: null, order: null });
    expect(group.tasks.map((task) => [task.name, task.sentence, task.task_group_name])).toEqual([
      ['ecran_lisible', null, 'mesure-optique'],
      ['attenuation_db', null, 'mesure-optique'],
      ['reference_cable', null, 'mesure-optique'],
    ]);
  });

  it('notes what it lacked, for a log line once per shape', () => {
    resetShapeNotes();
    const { notes } = collectShapeNotes(() => workOrderSchema.parse(documentedWorkOrder()));
    expect(notes).toEqual(
      expect.arrayContaining([
        'work_order.create_date',
        'work_order.update_date',
        'task.state.color',
        'task.state.is_conformity_validated',
        'task.task_group_name',
        'input.status',
      ]),
    );
    expect(notes).not.toContain('task.outcome_type');
    expect(firstTimeNotes('work-orders/{id}/', notes)).toEqual(notes);
    expect(firstTimeNotes('work-orders/{id}/', notes)).toEqual([]);
    expect(firstTimeNotes('work-orders/', ['work_order.create_date'])).toEqual(['work_order.create_date']);
  });
});

describe('analysis answers in the documented shape', () => {
  const state = {
    analyzed_value: true,
    corrected_value: null,
    message: 'Photo correcte',
    analyzed_inputs: [{ input_id: INPUT, bounding_boxes: [] }],
  };

  it('inputs[] with their conformity messages, then the impacted tasks under their task group; no status, no score', () => {
    const result = analyzeResultSchema.parse({
      inputs: [
        { id: INPUT, url: 'https://x/y.png', conformity_messages: [{ code: 'brightness', name: 'Brightness', level: 'warning', message: 'Bright' }] },
      ],
      task_groups: [{ name: 'mesure-optique', tasks: [{ id: BOOL_TASK, name: 'ecran_lisible', state }] }],
    });
    expect(result.status).toBeNull();
    expect(result.progress_score).toBeNull();
    expect(result.inputs.map((input) => input.id)).toEqual([INPUT]);
    expect(result.conformity_messages).toEqual([{ code: 'brightness', name: 'Brightness', level: 'warning', message: 'Bright' }]);
    expect(result.tasks).toMatchObject([
      { id: BOOL_TASK, task_group_name: 'mesure-optique', state: { analyzed_value: true, message: 'Photo correcte' } },
    ]);
    // No rules here: the verdict stays unset for the caller (which re-reads the work order).
    expect(result.tasks[0].state?.is_conformity_validated).toBeUndefined();
  });

  it('a conformity error: the messages and empty task fields', () => {
    const result = analyzeResultSchema.parse({
      inputs: [{ id: INPUT, conformity_messages: [{ code: 'blur', name: 'Blur', level: 'error', message: 'Blurry' }] }],
      tasks: [],
      task_groups: [],
    });
    expect(result.tasks).toEqual([]);
    expect(result.inputs[0].status).toBe('conformity_error');
    expect(result.conformity_messages[0].level).toBe('error');
  });

  it('the callback payload: the same answer with its two ids', () => {
    const payload = analysisCallbackPayloadSchema.parse({
      analysis_id: 'a-1',
      work_order_id: WO,
      inputs: [{ id: INPUT, conformity_messages: [] }],
      task_groups: [],
    });
    expect(payload).toMatchObject({ analysis_id: 'a-1', work_order_id: WO, status: null, tasks: [], conformity_messages: [] });
  });

  it('a correction answer is `{id, state}`, the value possibly echoed as text', () => {
    const result = correctionResultSchema.parse({
      id: BOOL_TASK,
      state: { analyzed_value: false, corrected_value: 'true', message: 'Photo correcte' },
    });
    expect(result).toMatchObject({ id: BOOL_TASK, name: null, progress_score: null, state: { corrected_value: 'true' } });
  });
});
