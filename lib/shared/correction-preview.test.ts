import { describe, expect, it } from 'vitest';
import { previewCorrection } from './correction-preview';
import type { Rule } from './progress-score';
import type { TaskDto, TaskGroupWithTasksDto, WorkOrderDto } from './work-order-dto';

const booleanRules: Rule[] = [
  { schema: { type: 'boolean', const: true }, color: '#26e4bc', sentence: 'Photo correcte', not_analyzed: false, is_conformity_validated: true },
  { schema: { type: 'boolean', const: false }, color: '#e4264e', sentence: 'Photo incorrecte', not_analyzed: false, is_conformity_validated: false },
];
const numberRules: Rule[] = [
  { schema: { type: 'number', minimum: 3 }, color: '#26e4bc', sentence: '{} screws, fine', not_analyzed: false, is_conformity_validated: true },
  { schema: { type: 'number' }, color: '#fec403', sentence: 'Only {} screws', not_analyzed: false, is_conformity_validated: false },
];

function task(id: string, rules: Rule[], analyzed: boolean | number | null, corrected: boolean | number | null = null, counted = true): TaskDto {
  const value = corrected ?? analyzed;
  const validated = value !== null && (rules === booleanRules ? value === true : (value as number) >= 3);
  return {
    id,
    name: id,
    sentence: id,
    taskGroupName: 'g',
    mandatory: true,
    outcomeType: rules === booleanRules ? 'Boolean' : 'Number',
    outcomeDisplay: null,
    rules,
    countedInScore: counted,
    pushedToField: true,
    analyzed: analyzed !== null,
    state:
      analyzed === null
        ? null
        : {
            analyzedValue: analyzed,
            correctedValue: corrected,
            message: 'm',
            color: '#000000',
            isConformityValidated: validated,
            analyzedInputs: [],
            updateDate: null,
          },
    effectiveValue: value,
    corrected: corrected !== null,
    validated,
    version: 'v',
    lastCorrection: null,
  };
}

function workOrder(tasks: TaskDto[], progressScore: number): Pick<WorkOrderDto, 'taskGroups' | 'progressScore'> {
  const group: TaskGroupWithTasksDto = { id: 'g', name: 'g', displayName: 'G', description: '', order: 0, exampleImageUrls: [], tasks };
  return { taskGroups: [group], progressScore };
}

describe('previewCorrection', () => {
  const a = task('a', booleanRules, false);
  const b = task('b', booleanRules, true);
  const c = task('c', numberRules, 2);
  const d = task('d', booleanRules, false, null, false);

  it.each<[string, TaskDto, boolean | number, number, boolean, string | null]>([
    ['Boolean false → true raises the score', a, true, 66, true, 'Photo correcte'],
    ['Boolean true → false lowers it', b, false, 0, false, 'Photo incorrecte'],
    ['Number below → above the threshold', c, 4, 66, true, '4 screws, fine'],
    ['Number stays below', c, 1, 33, false, 'Only 1 screws'],
    ['a task outside the score changes its message only', d, true, 33, true, 'Photo correcte'],
  ])('%s', (_name, target, value, scoreAfter, validated, message) => {
    const preview = previewCorrection(workOrder([a, b, c, d], 33), target, value);
    expect(preview.scoreBefore).toBe(33);
    expect(preview.scoreAfter).toBe(scoreAfter);
    expect(preview.scoreIsEstimate).toBe(false);
    expect(preview.after).toMatchObject({ value, validated, message });
  });

  it('shows an estimate when the upstream score differs from our formula', () => {
    const preview = previewCorrection(workOrder([a, b, c, d], 50), a, true);
    expect(preview.scoreIsEstimate).toBe(true);
    expect(preview.scoreAfter).toBe(50 + 66 - 33);
  });

  it('counts a task listed under two groups once', () => {
    const wo = workOrder([a, b], 50);
    wo.taskGroups.push({ ...wo.taskGroups[0], id: 'g2', name: 'g2', tasks: [a] });
    expect(previewCorrection(wo, a, true).scoreAfter).toBe(100);
  });

  it('keeps the before side as the upstream reported it', () => {
    const preview = previewCorrection(workOrder([a, b], 50), a, true);
    expect(preview.before).toEqual({ value: false, message: 'm', color: '#000000', validated: false });
  });
});
