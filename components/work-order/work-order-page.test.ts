import { describe, expect, it } from 'vitest';
import type { TaskDto, TaskGroupWithTasksDto, TimelineEntryDto, WorkOrderDto, WorkOrderPageDto } from '@/lib/shared/work-order-dto';
import { filterTaskGroups, pageAfterChange, reasonCodesFrom } from './work-order-page';

const task = (id: string, validated: boolean, corrected: boolean) => ({ id, validated, corrected }) as TaskDto;
const group = (id: string, tasks: TaskDto[]) => ({ id, name: id, tasks }) as TaskGroupWithTasksDto;

describe('filterTaskGroups', () => {
  const groups = [group('a', [task('a1', true, false), task('a2', false, true)]), group('b', [task('b1', true, true)]), group('empty', [])];
  const ids = (kept: TaskGroupWithTasksDto[]) => kept.map((g) => `${g.id}:${g.tasks.map((t) => t.id).join(',')}`);

  it('keeps every group and task without a filter, a group with no task too', () => {
    expect(ids(filterTaskGroups(groups, { notValidatedOnly: false, correctedOnly: false }))).toEqual(['a:a1,a2', 'b:b1', 'empty:']);
  });

  it('keeps the tasks not validated, and only the groups that still have one', () => {
    expect(ids(filterTaskGroups(groups, { notValidatedOnly: true, correctedOnly: false }))).toEqual(['a:a2']);
  });

  it('keeps the corrected tasks', () => {
    expect(ids(filterTaskGroups(groups, { notValidatedOnly: false, correctedOnly: true }))).toEqual(['a:a2', 'b:b1']);
  });

  it('combines both filters', () => {
    expect(ids(filterTaskGroups(groups, { notValidatedOnly: true, correctedOnly: true }))).toEqual(['a:a2']);
  });
});

describe('reasonCodesFrom', () => {
  const codes = [{ code: 'ai_wrong' }];

  it('reads the list wherever the answer holds it', () => {
    expect(reasonCodesFrom({ reasonCodes: codes })).toEqual(codes);
    expect(reasonCodesFrom(codes)).toEqual(codes);
    expect(reasonCodesFrom({ items: codes })).toEqual(codes);
  });

  it('is empty for anything else', () => {
    expect(reasonCodesFrom(undefined)).toEqual([]);
    expect(reasonCodesFrom({ reasonCodes: 'x' })).toEqual([]);
  });
});

describe('pageAfterChange', () => {
  const before = { id: 'wo', progressScore: 40 } as WorkOrderDto;
  const after = { id: 'wo', progressScore: 55 } as WorkOrderDto;
  const entry = (id: string) => ({ id }) as TimelineEntryDto;
  const page: WorkOrderPageDto = { workOrder: before, timeline: [entry('old')], timelineComplete: false };

  it('shows the work order the change answered with, the timeline as it was until read again', () => {
    expect(pageAfterChange(page, after)).toEqual({ workOrder: after, timeline: [entry('old')], timelineComplete: false });
  });

  it('takes the timeline read again, the change in it', () => {
    expect(pageAfterChange(page, after, { entries: [entry('new'), entry('old')], complete: true })).toEqual({
      workOrder: after,
      timeline: [entry('new'), entry('old')],
      timelineComplete: true,
    });
    expect(page.workOrder).toBe(before);
  });
});
