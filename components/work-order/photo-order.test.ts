import { describe, expect, it } from 'vitest';
import type { WorkOrderDto } from '@/lib/shared/work-order-dto';
import { firstPhoto } from './photo-order';

const input = (id: string, taskGroupName: string, imageUrl: string | null) => ({ id, taskGroupName, imageUrl });
const workOrder = (groups: string[], inputs: ReturnType<typeof input>[]) =>
  ({ taskGroups: groups.map((name) => ({ name })), inputs }) as unknown as WorkOrderDto;

describe('firstPhoto', () => {
  it('is the first image of the first task group that has one, in the panel order', () => {
    const order = workOrder(['meter', 'cabinet'], [input('pdf', 'meter', null), input('c1', 'cabinet', '/c1'), input('m1', 'meter', '/m1')]);
    expect(firstPhoto(order)).toBe('m1');
  });

  it('skips groups with no image and inputs of no group shown', () => {
    const order = workOrder(['meter', 'cabinet'], [input('x', 'gone', '/x'), input('pdf', 'meter', null), input('c1', 'cabinet', '/c1')]);
    expect(firstPhoto(order)).toBe('c1');
  });

  it('is null without photos', () => {
    expect(firstPhoto(workOrder(['meter'], [input('pdf', 'meter', null)]))).toBeNull();
  });
});
