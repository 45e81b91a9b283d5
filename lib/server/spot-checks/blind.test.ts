import { describe, expect, it } from 'vitest';
import { toWorkOrderDto } from '@/lib/server/dal/mappers';
import { workOrderSchema } from '@/lib/server/deepomatic/schemas';
import { aiVerdicts, blindWorkOrder, revealedBoxes } from './blind';

const WO = '3f6c1d2e-8a4b-4c5d-9e7f-0a1b2c3d4e5f';
const INPUT = '9a0c7e51-3f7b-4d84-8d43-0c3f4b2b8e11';
const rules = [
  { schema: { type: 'boolean', const: true }, color: '#26e4bc', sentence: 'Closed: {}', not_analyzed: false, is_conformity_validated: true },
  { schema: { type: 'boolean', const: false }, color: '#ff0000', sentence: 'Open: {}', not_analyzed: false, is_conformity_validated: false },
];
const state = (value: boolean) => ({
  analyzed_value: value,
  corrected_value: null,
  message: value ? 'Closed: true' : 'Open: false',
  color: value ? '#26e4bc' : '#ff0000',
  is_conformity_validated: value,
  analyzed_inputs: [{ input_id: INPUT, bounding_boxes: [{ xmin: 0.1, ymin: 0.2, xmax: 0.3, ymax: 0.4, label: 'door', score: 0.93 }] }],
});
const task = (id: string, name: string, group: string, value: boolean | null, counted = true) => ({
  id,
  name,
  sentence: `Is the ${name} right?`,
  task_group_name: group,
  outcome_type: 'Boolean',
  conformity_status: counted,
  outcome_validation: rules,
  state: value === null ? null : state(value),
});

const workOrder = toWorkOrderDto(
  workOrderSchema.parse({
    id: WO,
    name: 'Cabinet 12',
    progress_score: 100,
    task_groups: [
      { id: 'g1', name: 'front', display_name: 'Front', order: 1, tasks: ['t1', 't2'] },
      { id: 'g2', name: 'back', display_name: 'Back', order: 2, tasks: ['t3'] },
    ],
    tasks: [
      task('16a31c29-6689-4e28-bf55-6bb8d13a4cc9', 'door', 'front', true),
      task('b6eadaea-fa3f-4b0c-bc84-bca1654c0195', 'label', 'front', true, false),
      task('81721d6f-9ba5-46c3-b55d-f6d8a678af6a', 'cable', 'back', false),
    ],
    inputs: [
      {
        id: INPUT,
        task_group_name: 'front',
        type: 'image',
        status: 'analysis_ok',
        url: 'https://storage.example/x.jpg',
        conformity_messages: [{ code: 'blur', name: 'Blur', level: 'warning', message: 'Blurry' }],
      },
    ],
  }),
);

describe('blindWorkOrder', () => {
  const blind = blindWorkOrder(workOrder);

  it('asks about the tasks that count in the score, by name, with their photos', () => {
    expect(blind).toEqual({
      id: WO,
      name: 'Cabinet 12',
      taskGroups: [
        {
          name: 'front',
          displayName: 'Front',
          tasks: [{ taskGroupName: 'front', taskName: 'door', sentence: 'Is the door right?' }],
          photos: [{ inputId: INPUT, imageUrl: `/api/work-orders/${WO}/inputs/${INPUT}/image` }],
        },
        { name: 'back', displayName: 'Back', tasks: [{ taskGroupName: 'back', taskName: 'cable', sentence: 'Is the cable right?' }], photos: [] },
      ],
    });
  });

  it('carries nothing of what the AI said', () => {
    const text = JSON.stringify(blind);
    // Rule messages, colours, photo status, conformity messages, box scores and labels, values.
    for (const leak of ['Closed', 'Open', '#26e4bc', 'analysis_ok', 'Blurry', '0.93', 'xmin', 'true', 'false']) {
      expect(text).not.toContain(leak);
    }
  });
});

describe('aiVerdicts and revealedBoxes', () => {
  it("give the verdict of the AI's own value per task, and its boxes, for the reveal only", () => {
    expect(aiVerdicts(workOrder).map(({ taskName, aiValidated, aiValue }) => ({ taskName, aiValidated, aiValue }))).toEqual([
      { taskName: 'door', aiValidated: true, aiValue: true },
      { taskName: 'cable', aiValidated: false, aiValue: false },
    ]);
    expect(revealedBoxes(workOrder).filter((entry) => entry.taskName === 'door')).toEqual([
      { inputId: INPUT, taskGroupName: 'front', taskName: 'door', box: { xmin: 0.1, ymin: 0.2, xmax: 0.3, ymax: 0.4, label: 'door', score: 0.93 } },
    ]);
  });
});
