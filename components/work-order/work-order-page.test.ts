import { describe, expect, it } from 'vitest';
import type { TaskDto, TaskGroupWithTasksDto } from '@/lib/shared/work-order-dto';
import { filterTaskGroups, reasonCodesFrom } from './work-order-page';

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
