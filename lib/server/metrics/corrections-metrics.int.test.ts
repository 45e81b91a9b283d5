import { describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
  process.env.DEEPOMATIC_BREAKER_THRESHOLD = '1000';
});

vi.mock('@/lib/server/dal/authorize', () => import('@/test/fakes/authorize'));

import { correctTask } from '@/lib/server/dal/corrections';
import { createWorkOrder, getWorkOrderPage } from '@/lib/server/dal/work-orders';
import type { TaskDto } from '@/lib/shared/work-order-dto';
import { session } from '@/test/fakes/authorize';
import { addFault, context, failureOf, forceAnalysis, setUpDalIntegration, testUser } from '@/test/harness/dal';
import { metricsRegistry } from './registry';

const supervisor = testUser('supervisor');
setUpDalIntegration({ signedIn: supervisor });

/** A fresh work order with one analysed Boolean task. */
async function analysedTask(): Promise<{ workOrderId: string; task: TaskDto }> {
  session.user = supervisor;
  const created = await createWorkOrder(context(), { body: async () => ({ name: `int-metrics-${crypto.randomUUID().slice(0, 8)}` }) });
  const group = created.taskGroups.find((g) => g.tasks.some((t) => t.outcomeType === 'Boolean'))!;
  const target = group.tasks.find((t) => t.outcomeType === 'Boolean')!;
  await forceAnalysis(created.id, group.name, { [target.name]: true });
  const page = await getWorkOrderPage(context(), { params: { id: created.id } });
  return { workOrderId: created.id, task: page.workOrder.taskGroups.flatMap((g) => g.tasks).find((t) => t.id === target.id)! };
}

function correction(workOrderId: string, task: TaskDto) {
  return {
    params: { id: workOrderId, taskId: task.id },
    body: async () => ({ correctedValue: false, reason: 'ai_false_positive', comment: 'seen on site' }),
    headers: { 'Idempotency-Key': crypto.randomUUID(), 'If-Match': `"${task.version}"` },
  };
}

async function settled(outcome: string): Promise<number> {
  const { values } = await metricsRegistry().getSingleMetric('corrections_total')!.get();
  return values.find((value) => value.labels.outcome === outcome)?.value ?? 0;
}

describe('corrections_total', () => {
  it('counts each correction once it is settled, by outcome', async () => {
    const applied = await analysedTask();
    await correctTask(context(), correction(applied.workOrderId, applied.task));
    expect(await settled('applied')).toBe(1);

    const refused = await analysedTask();
    const remove = await addFault({
      method: 'PATCH',
      path: `/v0.2/work-orders/${refused.workOrderId}/tasks/${refused.task.id}/correction/`,
      status: 400,
      times: 1,
    });
    try {
      await failureOf(() => correctTask(context(), correction(refused.workOrderId, refused.task)));
    } finally {
      await remove();
    }
    expect(await settled('rejected')).toBe(1);
    expect(await settled('applied')).toBe(1);
  });
});
