import { describe, expect, it } from 'vitest';
import { analyzeResultSchema, taskSchema, workOrderSchema } from '@/lib/server/deepomatic/schemas';
import { toAnalysisResultDto, toTaskDto as toDto, toWorkOrderDto as toPageDto } from './mappers';

/**
 * The page DTO when the upstream sends only what the API documents, or less. Upstream objects
 * reach the mappers as the client parsed them, so these go through its schemas first.
 */

type RawTask = Record<string, unknown>;
const toTaskDto = (raw: RawTask) => toDto(taskSchema.parse(raw));
const toWorkOrderDto = (raw: Record<string, unknown>) => toPageDto(workOrderSchema.parse(raw));

const WO = '3f6c1d2e-8a4b-4c5d-9e7f-0a1b2c3d4e5f';
const T1 = '16a31c29-6689-4e28-bf55-6bb8d13a4cc9';
const T2 = 'b6eadaea-fa3f-4b0c-bc84-bca1654c0195';

const rules = [
  { schema: { type: 'boolean', const: true }, color: '#26e4bc', sentence: 'OK', not_analyzed: false, is_conformity_validated: true },
  { schema: { type: 'boolean', const: false }, color: '#e4264e', sentence: 'KO', not_analyzed: false, is_conformity_validated: false },
];

const task = (id: string, extra: RawTask = {}): RawTask => ({
  id,
  name: `task_${id.slice(0, 4)}`,
  task_group_name: 'front',
  outcome_type: 'Boolean',
  conformity_status: true,
  outcome_validation: rules,
  state: { analyzed_value: false, corrected_value: null, analyzed_inputs: [] },
  ...extra,
});

describe('toTaskDto without the inferred state fields', () => {
  it('derives message, colour and validation from the rules (a correction answer echoing "true")', () => {
    const dto = toTaskDto(task(T1, { state: { analyzed_value: false, corrected_value: 'true' } }));
    expect(dto).toMatchObject({ effectiveValue: true, corrected: true, validated: true, sentence: `task_${T1.slice(0, 4)}` });
    expect(dto.state).toMatchObject({ correctedValue: true, message: 'OK', color: '#26e4bc', isConformityValidated: true, updateDate: null });
  });

  it("keeps the upstream's own verdict when it sends one", () => {
    const dto = toTaskDto(
      task(T1, { state: { analyzed_value: false, corrected_value: null, message: 'Custom', color: null, is_conformity_validated: true } }),
    );
    expect(dto).toMatchObject({ validated: true, state: { message: 'Custom', color: null } });
  });

  it('a type it does not know: behaves as Text, says which type it was', () => {
    expect(
      toTaskDto(task(T1, { outcome_type: 'Image', outcome_validation: null, state: { analyzed_value: 3, corrected_value: null } })),
    ).toMatchObject({
      outcomeType: 'Text',
      declaredOutcomeType: 'Image',
      effectiveValue: 3,
      validated: false,
    });
    expect(toTaskDto(task(T1, { outcome_type: null })).declaredOutcomeType).toBe('');
    expect(toTaskDto(task(T1)).declaredOutcomeType).toBeNull();
  });

  it('the version does not change when the upstream echoes the same value as text', () => {
    const typed = toTaskDto(task(T1, { state: { analyzed_value: false, corrected_value: true } }));
    const text = toTaskDto(task(T1, { state: { analyzed_value: 'False', corrected_value: 'true' } }));
    expect(text.version).toBe(typed.version);
  });
});

describe('toWorkOrderDto without dates, and with an unreadable task', () => {
  const workOrder = {
    id: WO,
    name: ' Poste Sud / Lyon ',
    progress_score: 50,
    task_groups: [{ id: null, name: 'front', tasks: [T1, T2] }],
    // The last two cannot be read as tasks: the client lists them as unreadable.
    tasks: [
      task(T1),
      task(T2, { state: { analyzed_value: true, corrected_value: null } }),
      { id: 'x', name: 'broken', task_group_name: 'front' },
      {},
    ],
  };
  const dto = toWorkOrderDto(workOrder);

  it('keeps the name as it is and reports unknown dates as null', () => {
    expect(dto).toMatchObject({ name: ' Poste Sud / Lyon ', createDate: null, updateDate: null, siteId: null, appVersionId: null });
  });

  it('lists unreadable tasks in their group (or a group of their own), and counts only the tasks it read', () => {
    expect(dto.taskGroups.map((group) => [group.name, group.tasks.length, group.unreadableTasks])).toEqual([
      ['front', 2, [{ id: 'x', name: 'broken' }]],
      ['', 0, [{ id: null, name: null }]],
    ]);
    expect(dto.taskGroups[0].id).toBe('front');
    expect(dto.counts).toMatchObject({ total: 2, validated: 1, notValidated: 1 });
  });
});

describe('toAnalysisResultDto without status or score', () => {
  const dto = toWorkOrderDto({
    id: WO,
    name: 'w',
    progress_score: 50,
    task_groups: [],
    tasks: [task(T1), task(T2, { state: { analyzed_value: true, corrected_value: null } })],
  });

  it.each([
    ['an error-level message', { conformity_messages: [{ code: 'blur', level: 'error' }], tasks: [] }, dto, 'conformity_error'],
    ['impacted tasks all validated (read again)', { tasks: [{ id: T2 }] }, dto, 'analysis_ok'],
    ['an impacted task not validated (read again)', { tasks: [{ id: T1 }, { id: T2 }] }, dto, 'analysis_ko'],
    ["the answer's own verdicts when the re-read failed", { tasks: [{ id: T1, state: { is_conformity_validated: true } }] }, null, 'analysis_ok'],
    ['nothing to say', { tasks: [{ id: T1 }] }, null, 'analysis_done'],
    ["the upstream's status when it gives one", { status: 'analysis_ko', tasks: [] }, dto, 'analysis_ko'],
  ] as const)('%s', (_label, answer, after, status) => {
    const result = toAnalysisResultDto(WO, analyzeResultSchema.parse(answer), after);
    expect(result.status).toBe(status);
    // Never the answer's score: the re-read work order's, or unknown.
    expect(result.progressScore).toBe(after ? 50 : null);
  });
});
