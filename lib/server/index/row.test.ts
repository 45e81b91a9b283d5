import { describe, expect, it } from 'vitest';
import type { WorkOrderSummary } from '@/lib/server/deepomatic/types';
import { summaryHash, summaryToRow, workOrderToRow } from './row';
import { makeWorkOrder } from '@/test/fixtures/work-orders';

/** What the list endpoint serves for a work order: every field but task groups, tasks and inputs. */
function summaryOf(workOrder: ReturnType<typeof makeWorkOrder>): WorkOrderSummary {
  const summary: Partial<typeof workOrder> = { ...workOrder };
  delete summary.task_groups;
  delete summary.tasks;
  delete summary.inputs;
  return summary as WorkOrderSummary;
}

describe('summaryHash', () => {
  it('is the same for a detail read and the list row of the same state', () => {
    const workOrder = makeWorkOrder({ metadata: { region: 'Nord', 'ID PB': 12 } });
    expect(summaryHash(workOrder)).toBe(summaryHash(summaryOf(workOrder)));
    expect(workOrderToRow(workOrder).summaryHash).toBe(summaryToRow(summaryOf(workOrder)).summaryHash);
  });

  it('changes with any summary field the index keeps', () => {
    const workOrder = makeWorkOrder();
    const base = summaryHash(workOrder);
    const changes: Partial<WorkOrderSummary>[] = [
      { name: `${workOrder.name} bis` },
      { progress_score: workOrder.progress_score + 1 },
      { review_date: '2026-01-02T03:04:05.000006Z' },
      { metadata: { ...workOrder.metadata, added: true } },
      { tags: [...workOrder.tags, 'new'] },
      { field_engineer_email: 'someone.else@example.com' },
      { user_group_ids: ['3c1f6a2e-8b4d-4e0a-9f1c-2d3e4f5a6b01'] },
      { work_order_types: ['maintenance'] },
      { update_date: '2030-01-01T00:00:00.000000Z' },
    ];
    for (const change of changes) expect(summaryHash({ ...workOrder, ...change })).not.toBe(base);
  });

  it('ignores what a summary does not carry (tasks, inputs)', () => {
    const workOrder = makeWorkOrder();
    const other: ReturnType<typeof makeWorkOrder> = { ...workOrder, tasks: [], inputs: [] };
    expect(summaryHash(other)).toBe(summaryHash(workOrder));
  });
});

describe('conformity counts', () => {
  it('counts warning-level messages over the inputs, and nothing is known without inputs', () => {
    const workOrder = makeWorkOrder();
    const warned = {
      ...workOrder,
      inputs: workOrder.inputs!.map((input, i) =>
        i === 0
          ? {
              ...input,
              conformity_messages: [
                { code: 'duplicate', name: 'Duplicate', level: 'warning' as const, message: 'seen before' },
                { code: 'blur', name: 'Blur', level: 'warning' as const, message: 'blurred' },
              ],
            }
          : input,
      ),
    };
    expect(workOrderToRow(warned).conformityWarnings).toBe(2);
    expect(workOrderToRow(workOrder).conformityWarnings).toBe(0);
    expect(workOrderToRow({ ...workOrder, inputs: undefined }).conformityWarnings).toBeUndefined();
  });
});
