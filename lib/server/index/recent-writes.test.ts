import { describe, expect, it } from 'vitest';
import { makeWorkOrder } from '@/test/fixtures/work-orders';
import { indexFingerprint, RecentIndexWrites } from './recent-writes';

describe('indexFingerprint', () => {
  it('is the same for the same work order read twice, whatever the time', () => {
    const workOrder = makeWorkOrder();
    expect(indexFingerprint(structuredClone(workOrder))).toBe(indexFingerprint(workOrder));
  });

  it('changes with anything the index keeps: a summary field, a task state, the photos', () => {
    const workOrder = makeWorkOrder();
    const before = indexFingerprint(workOrder);
    expect(indexFingerprint({ ...workOrder, name: 'renamed' })).not.toBe(before);
    const corrected = structuredClone(workOrder);
    corrected.tasks[0].state = { ...corrected.tasks[0].state!, corrected_value: false };
    expect(indexFingerprint(corrected)).not.toBe(before);
    expect(indexFingerprint({ ...workOrder, inputs: workOrder.inputs!.slice(1) })).not.toBe(before);
    expect(indexFingerprint({ ...workOrder, user_group_ids: ['team-b'] })).not.toBe(before);
  });
});

describe('RecentIndexWrites', () => {
  it('knows a write only for the same work order and the same fingerprint', () => {
    const writes = new RecentIndexWrites(60_000);
    writes.remember('wo-1', 'a', 0);
    expect(writes.isCurrent('wo-1', 'a', 1_000)).toBe(true);
    expect(writes.isCurrent('wo-1', 'b', 1_000)).toBe(false);
    expect(writes.isCurrent('wo-2', 'a', 1_000)).toBe(false);
  });

  it('forgets a write after its lifetime, and when told to', () => {
    const writes = new RecentIndexWrites(60_000);
    writes.remember('wo-1', 'a', 0);
    expect(writes.isCurrent('wo-1', 'a', 60_000)).toBe(false);
    writes.remember('wo-1', 'a', 100_000);
    writes.forget(['wo-1']);
    expect(writes.isCurrent('wo-1', 'a', 100_001)).toBe(false);
  });

  it('keeps at most `max` work orders, dropping the least recently written', () => {
    const writes = new RecentIndexWrites(60_000, 2);
    writes.remember('wo-1', 'a', 0);
    writes.remember('wo-2', 'a', 1);
    writes.remember('wo-1', 'b', 2); // written again: now the newest
    writes.remember('wo-3', 'a', 3);
    expect(writes.size).toBe(2);
    expect(writes.isCurrent('wo-2', 'a', 4)).toBe(false);
    expect(writes.isCurrent('wo-1', 'b', 4)).toBe(true);
    expect(writes.isCurrent('wo-3', 'a', 4)).toBe(true);
  });
});
