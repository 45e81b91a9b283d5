import { afterEach, describe, expect, it, vi } from 'vitest';

// Short upstream budgets so the timeout case stays fast; a breaker that does not trip on the
// faults these tests inject on purpose.
vi.hoisted(() => {
  process.env.DEEPOMATIC_WRITE_TIMEOUT_MS = '1500';
  process.env.DEEPOMATIC_WRITE_DEADLINE_MS = '3000';
  process.env.DEEPOMATIC_TIMEOUT_MS = '3000';
  process.env.DEEPOMATIC_READ_ATTEMPTS = '2';
  process.env.DEEPOMATIC_RETRY_BASE_MS = '10';
  process.env.DEEPOMATIC_RETRY_MAX_DELAY_MS = '20';
  process.env.DEEPOMATIC_BREAKER_THRESHOLD = '1000';
});

vi.mock('@/lib/server/dal/authorize', () => import('@/test/fakes/authorize'));

import { getAuditRow, listAudit } from '@/lib/server/audit';
import { isAppError } from '@/lib/server/http/errors';
import type { CorrectionConflictDetails, TaskDto, WorkOrderDto } from '@/lib/shared/work-order-dto';
import { correctTask, getCorrectionHistory } from './corrections';
import { session } from '@/test/fakes/authorize';
import { addFault, context, failureOf, forceAnalysis, ledger, ledgerOfRequest, setUpDalIntegration, testUser } from '@/test/harness/dal';
import { createWorkOrder, getWorkOrderPage } from './work-orders';

const supervisor = testUser('supervisor');
setUpDalIntegration({ signedIn: supervisor });

/** A fresh work order with one analysed Boolean task (AI said `true`). */
async function analysedTask(): Promise<{ workOrder: WorkOrderDto; task: TaskDto }> {
  session.user = supervisor;
  const created = await createWorkOrder(context(), { body: async () => ({ name: `int-corr-${crypto.randomUUID().slice(0, 8)}` }) });
  const group = created.taskGroups.find((g) => g.tasks.some((t) => t.outcomeType === 'Boolean'));
  if (!group) throw new Error('the simulated application has no Boolean task');
  const target = group.tasks.find((t) => t.outcomeType === 'Boolean')!;
  await forceAnalysis(created.id, group.name, { [target.name]: true });
  const page = await getWorkOrderPage(context(), { params: { id: created.id } });
  const task = page.workOrder.taskGroups.flatMap((g) => g.tasks).find((t) => t.id === target.id)!;
  expect(task.analyzed).toBe(true);
  return { workOrder: page.workOrder, task };
}

function request(
  workOrderId: string,
  task: TaskDto,
  correctedValue: unknown,
  overrides: Partial<{ key: string | null; ifMatch: string | null; reason: string }> = {},
) {
  return {
    params: { id: workOrderId, taskId: task.id },
    body: async () => ({ correctedValue, reason: overrides.reason ?? 'ai_false_positive', comment: 'seen on site' }),
    headers: {
      'Idempotency-Key': overrides.key === undefined ? crypto.randomUUID() : overrides.key,
      'If-Match': overrides.ifMatch === undefined ? `"${task.version}"` : overrides.ifMatch,
    },
  };
}

/** Waits (≤ 2 s) until the simulator has received a correction PATCH for the work order. */
async function untilPatchSent(workOrderId: string) {
  for (let i = 0; i < 100 && (await patches(workOrderId)).length === 0; i += 1) await new Promise((r) => setTimeout(r, 20));
}

/** Makes the simulator misbehave as `fault` says (simulator/faults.ts) on the next correction PATCH of this task; returns the remover. */
function failNextPatch(workOrderId: string, task: TaskDto, fault: Record<string, unknown>) {
  return addFault({ method: 'PATCH', path: `/v0.2/work-orders/${workOrderId}/tasks/${task.id}/correction/`, ...fault, times: 1 });
}

/**
 * Corrects the task to `false` with `key` while its PATCH hangs (plus `patchFault`) and, once that PATCH is in flight,
 * the reconciling read fails too; `whileFailing` gets what the correction was refused with before both faults are removed.
 */
async function correctUnanswered(
  workOrderId: string,
  task: TaskDto,
  key: string,
  patchFault: Record<string, unknown>,
  whileFailing: (refused: Awaited<ReturnType<typeof failureOf>>) => Promise<void>,
) {
  const removePatch = await failNextPatch(workOrderId, task, { ...patchFault, hang: true });
  let removeGet = async () => {};
  try {
    const pending = failureOf(() => correctTask(context(), request(workOrderId, task, false, { key })));
    await untilPatchSent(workOrderId);
    removeGet = await addFault({ method: 'GET', path: `/v0.2/work-orders/${workOrderId}/`, status: 500, times: 10 });
    await whileFailing(await pending);
  } finally {
    await removePatch();
    await removeGet();
  }
}

async function patches(workOrderId: string) {
  return ledger(`/v0.2/work-orders/${workOrderId}/tasks/`, 'PATCH');
}

async function corrections(workOrderId: string) {
  return listAudit({ workOrderId, action: 'correction' });
}

/** A short in-flight horizon for this test (the default is a minute). */
function inFlightHorizon(seconds: number) {
  vi.stubEnv('CORRECTION_IN_FLIGHT_SECONDS', String(seconds));
}
afterEach(() => {
  vi.unstubAllEnvs();
});

/** Waits until the horizon recorded on the `unknown` audit row of `refused` has passed. */
async function untilHorizonPassed(refused: { details?: unknown }) {
  const row = await getAuditRow((refused.details as { auditId: string }).auditId);
  const until = Date.parse((row?.details as { inFlightUntil?: string } | null)?.inFlightUntil ?? '');
  expect(until).not.toBeNaN();
  while (Date.now() <= until) await new Promise((r) => setTimeout(r, until - Date.now() + 20));
}

/** The task as the simulator has it now (through our own read). */
async function currentTask(workOrderId: string, task: TaskDto) {
  const page = await getWorkOrderPage(context(), { params: { id: workOrderId } });
  return page.workOrder.taskGroups.flatMap((g) => g.tasks).find((t) => t.id === task.id)!;
}

describe('correction, the happy path', () => {
  it('sends one PATCH with exactly the value, audits applied, returns the re-read work order', async () => {
    const { workOrder, task } = await analysedTask();
    const result = await correctTask(context(), request(workOrder.id, task, false));
    expect(result.replayed).toBe(false);
    expect(result.body.reconciled).toBe(false);
    expect(result.body.task).toMatchObject({ id: task.id, effectiveValue: false, corrected: true });
    expect(result.body.task.version).not.toBe(task.version);
    expect(result.body.task.lastCorrection).toMatchObject({ outcome: 'applied', actorEmail: supervisor.email, reason: 'ai_false_positive' });
    expect(result.body.workOrder?.id).toBe(workOrder.id);

    const sent = await patches(workOrder.id);
    expect(sent).toHaveLength(1);
    // As the API types it: a string compatible with the task type.
    expect(sent[0].body).toEqual({ corrected_value: 'false' });

    const rows = await corrections(workOrder.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      outcome: 'applied',
      actorId: supervisor.id,
      taskId: task.id,
      reason: 'ai_false_positive',
      comment: 'seen on site',
    });
    expect(rows[0].before).toMatchObject({ analyzedValue: true, correctedValue: null });
    expect(rows[0].after).toEqual({ correctedValue: false });
    expect(rows[0].details).toMatchObject({ role: 'supervisor', version: task.version, upstreamStatus: 200, taskGroupName: task.taskGroupName });
    expect((rows[0].details as { idempotencyKey: string }).idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(rows[0].requestId).toMatch(/^[0-9a-f-]{36}$/);

    const history = await getCorrectionHistory(context(), { params: { id: workOrder.id, taskId: task.id } });
    expect(history.corrections.map((c) => c.outcome)).toEqual(['applied']);
  });

  it('refuses a value of the wrong type, an unknown reason, a missing If-Match and a task of another work order without any PATCH', async () => {
    const { workOrder, task } = await analysedTask();
    expect(await failureOf(() => correctTask(context(), request(workOrder.id, task, 'true')))).toMatchObject({
      code: 'validation_failed',
      fields: { correctedValue: 'invalid_type' },
    });
    expect(await failureOf(() => correctTask(context(), request(workOrder.id, task, true, { reason: 'made_up' })))).toMatchObject({
      code: 'validation_failed',
      fields: { reason: 'invalid_option' },
    });
    expect(await failureOf(() => correctTask(context(), request(workOrder.id, task, true, { ifMatch: null })))).toMatchObject({
      code: 'precondition_required',
      status: 428,
    });
    expect(await failureOf(() => correctTask(context(), request(workOrder.id, task, true, { key: null })))).toMatchObject({
      code: 'validation_failed',
    });
    // Tasks are per application (shared by work orders): an id this work order does not have is a 404.
    const foreign = { ...task, id: crypto.randomUUID() };
    expect(await failureOf(() => correctTask(context(), request(workOrder.id, foreign, true)))).toMatchObject({ code: 'not_found', status: 404 });
    expect(await patches(workOrder.id)).toHaveLength(0);
  });

  it('answers 409 task_not_analyzed for a task never analysed, without a PATCH', async () => {
    const created = await createWorkOrder(context(), { body: async () => ({ name: `int-corr-${crypto.randomUUID().slice(0, 8)}` }) });
    const task = created.taskGroups.flatMap((g) => g.tasks).find((t) => t.outcomeType === 'Boolean')!;
    expect(await failureOf(() => correctTask(context(), request(created.id, task, true)))).toMatchObject({ code: 'task_not_analyzed', status: 409 });
    expect(await patches(created.id)).toHaveLength(0);
  });
});

describe('correction, authorization and ids', () => {
  it('refuses a viewer with 403, an authz_denied audit row and no upstream call', async () => {
    const { workOrder, task } = await analysedTask();
    const viewer = testUser('viewer');
    session.user = viewer;
    const ctx = context();
    expect(await failureOf(() => correctTask(ctx, request(workOrder.id, task, false)))).toMatchObject({ code: 'forbidden', status: 403 });
    expect(await ledgerOfRequest(ctx.requestId)).toEqual([]);
    expect(await patches(workOrder.id)).toHaveLength(0);
    expect(await listAudit({ actorId: viewer.id, action: 'authz_denied' })).toHaveLength(1);
  });

  it.each([
    ['dots', '..'],
    ['encoded dots', '%2e%2e'],
    ['a traversal', '../../task-groups'],
    ['backslashes', '..\\..\\task-groups'],
    ['a host switch', '//evil.example'],
    ['a query', 'a?include_inputs=true'],
    ['a fragment', 'a#x'],
    ['a NUL', 'a\u0000'],
    ['fullwidth dots', '\uff0e\uff0e'],
    ['10 000 characters', 'x'.repeat(10_000)],
  ])('refuses an id with %s with 400 invalid_id and an empty ledger', async (_, bad) => {
    const ctx = context();
    const task = { id: '16a31c29-6689-4e28-bf55-6bb8d13a4cc9', version: 'v' } as TaskDto;
    expect(await failureOf(() => correctTask(ctx, request(bad, task, true)))).toMatchObject({ code: 'invalid_id', status: 400 });
    expect(
      await failureOf(() =>
        correctTask(ctx, {
          ...request('3f6c1d2e-8a4b-4c5d-9e7f-0a1b2c3d4e5f', task, true),
          params: { id: '3f6c1d2e-8a4b-4c5d-9e7f-0a1b2c3d4e5f', taskId: bad },
        }),
      ),
    ).toMatchObject({ code: 'invalid_id' });
    expect(await ledgerOfRequest(ctx.requestId)).toEqual([]);
  });
});

describe('correction, upstream faults, double submits and concurrent edits', () => {
  it('applied upstream then 500 → one reconciling GET shows the value → 200 reconciled, audit applied', async () => {
    const { workOrder, task } = await analysedTask();
    const remove = await failNextPatch(workOrder.id, task, { applyThenFail: true, status: 500 });
    try {
      const result = await correctTask(context(), request(workOrder.id, task, false));
      expect(result.body.reconciled).toBe(true);
      expect(result.body.task.effectiveValue).toBe(false);
    } finally {
      await remove();
    }
    expect(await patches(workOrder.id)).toHaveLength(1);
    expect((await corrections(workOrder.id)).map((r) => r.outcome)).toEqual(['applied']);
  });

  it('500 and not applied → 502 correction_not_applied, value unchanged upstream, audit rejected', async () => {
    const { workOrder, task } = await analysedTask();
    const remove = await failNextPatch(workOrder.id, task, { status: 500 });
    try {
      expect(await failureOf(() => correctTask(context(), request(workOrder.id, task, false)))).toMatchObject({
        code: 'correction_not_applied',
        status: 502,
      });
    } finally {
      await remove();
    }
    expect(await patches(workOrder.id)).toHaveLength(1);
    expect((await corrections(workOrder.id)).map((r) => r.outcome)).toEqual(['rejected']);
    const page = await getWorkOrderPage(context(), { params: { id: workOrder.id } });
    const after = page.workOrder.taskGroups.flatMap((g) => g.tasks).find((t) => t.id === task.id)!;
    expect(after).toMatchObject({ corrected: false, effectiveValue: true, version: task.version });
  });

  it('after "not applied", Retry with the same key is a fresh attempt that succeeds', async () => {
    const { workOrder, task } = await analysedTask();
    const key = crypto.randomUUID();
    const remove = await failNextPatch(workOrder.id, task, { status: 500 });
    try {
      expect(await failureOf(() => correctTask(context(), request(workOrder.id, task, false, { key })))).toMatchObject({
        code: 'correction_not_applied',
      });
    } finally {
      await remove();
    }
    const retried = await correctTask(context(), request(workOrder.id, task, false, { key }));
    expect(retried.body.task.effectiveValue).toBe(false);
    expect(await patches(workOrder.id)).toHaveLength(2);
    expect((await corrections(workOrder.id)).map((r) => r.outcome)).toEqual(['applied', 'rejected']);
  });

  it('PATCH applied but never answered and the reconciling read fails → 504 outcome_unknown, no second PATCH, audit unknown', async () => {
    const { workOrder, task } = await analysedTask();
    const key = crypto.randomUUID();
    await correctUnanswered(workOrder.id, task, key, { applyThenFail: true }, async (refused) => {
      expect(refused).toMatchObject({ code: 'outcome_unknown', status: 504 });
      // A retry with the same key while reads still fail: still unknown, still no second PATCH.
      expect(await failureOf(() => correctTask(context(), request(workOrder.id, task, false, { key })))).toMatchObject({ code: 'outcome_unknown' });
    });
    expect(await patches(workOrder.id)).toHaveLength(1);
    expect((await corrections(workOrder.id)).map((r) => r.outcome)).toEqual(['unknown']);
    // Once the upstream answers again, the retry settles it: the value is there → 200, no PATCH.
    const settled = await correctTask(context(), request(workOrder.id, task, false, { key }));
    expect(settled.body).toMatchObject({ reconciled: true, task: { effectiveValue: false } });
    expect(await patches(workOrder.id)).toHaveLength(1);
    const rows = await corrections(workOrder.id);
    expect(rows.map((r) => r.outcome)).toEqual(['applied', 'unknown']);
    expect(rows[0].details).toMatchObject({ settles: rows[1].id, reconciled: true });
    // And from then on the success is what the key replays.
    expect((await correctTask(context(), request(workOrder.id, task, false, { key }))).replayed).toBe(true);
  });

  it('PATCH not applied and never answered: unknown outcome, then, once it can no longer land, the retry finds the value absent and sends the one PATCH it needs', async () => {
    inFlightHorizon(1);
    const { workOrder, task } = await analysedTask();
    const key = crypto.randomUUID();
    let unknown: Awaited<ReturnType<typeof failureOf>> | undefined;
    await correctUnanswered(workOrder.id, task, key, {}, async (refused) => {
      expect(refused).toMatchObject({ code: 'outcome_unknown' });
      unknown = refused;
    });
    await untilHorizonPassed(unknown!);
    const retried = await correctTask(context(), request(workOrder.id, task, false, { key }));
    expect(retried.body.task.effectiveValue).toBe(false);
    expect(await patches(workOrder.id)).toHaveLength(2);
    expect((await corrections(workOrder.id)).map((r) => r.outcome)).toEqual(['applied', 'rejected', 'unknown']);
  });

  it('PATCH applied but never answered, the reconciling read succeeds → 200 reconciled', async () => {
    const { workOrder, task } = await analysedTask();
    const remove = await failNextPatch(workOrder.id, task, { applyThenFail: true, hang: true });
    try {
      const result = await correctTask(context(), request(workOrder.id, task, false));
      expect(result.body.reconciled).toBe(true);
    } finally {
      await remove();
    }
    expect(await patches(workOrder.id)).toHaveLength(1);
    expect((await corrections(workOrder.id)).map((r) => r.outcome)).toEqual(['applied']);
  });

  it('a save against a stale version gets 412 with the current state and who changed it; no PATCH', async () => {
    const { workOrder, task } = await analysedTask();
    const alice = supervisor;
    await correctTask(context(), request(workOrder.id, task, false));
    session.user = testUser('supervisor');
    const conflict = await failureOf(() => correctTask(context(), request(workOrder.id, task, true)));
    expect(conflict).toMatchObject({ code: 'precondition_failed', status: 412 });
    const details = conflict.details as CorrectionConflictDetails;
    expect(details.current).toMatchObject({ id: task.id, effectiveValue: false, corrected: true });
    expect(details.lastCorrection).toMatchObject({ actorEmail: alice.email, outcome: 'applied', after: false });
    expect(await patches(workOrder.id)).toHaveLength(1);
    expect((await corrections(workOrder.id)).map((r) => r.outcome)).toEqual(['conflict', 'applied']);
    // Reloaded, with the new version: goes through.
    const result = await correctTask(context(), request(workOrder.id, details.current, true, { ifMatch: `W/"${details.current.version}"` }));
    expect(result.body.task.effectiveValue).toBe(true);
    expect(await patches(workOrder.id)).toHaveLength(2);
  });

  it('race: two supervisors with the same precondition at once → never two 200s, one PATCH', async () => {
    const { workOrder, task } = await analysedTask();
    const bob = testUser('supervisor');
    const outcomes = await Promise.all(
      [supervisor, bob].map(async (user, index) => {
        session.user = user;
        const ctx = context();
        try {
          await correctTask(ctx, request(workOrder.id, task, index === 0 ? false : true));
          return 'ok';
        } catch (error) {
          return isAppError(error) ? error.code : 'crash';
        }
      }),
    );
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'precondition_failed' || o === 'request_in_progress')).toHaveLength(1);
    expect(await patches(workOrder.id)).toHaveLength(1);
  });

  it('a double submit with the same key sends one PATCH; a replay gets the same answer; another body under the key → 422', async () => {
    const { workOrder, task } = await analysedTask();
    const key = crypto.randomUUID();
    const [first, second] = await Promise.all([
      correctTask(context(), request(workOrder.id, task, false, { key })).then(
        (r) => r,
        (e: unknown) => e,
      ),
      correctTask(context(), request(workOrder.id, task, false, { key })).then(
        (r) => r,
        (e: unknown) => e,
      ),
    ]);
    const results = [first, second];
    const oks = results.filter((r) => !isAppError(r));
    expect(oks.length).toBeGreaterThanOrEqual(1);
    for (const r of results) if (isAppError(r)) expect(r.code).toBe('request_in_progress');

    const replay = await correctTask(context(), request(workOrder.id, task, false, { key }));
    expect(replay.replayed).toBe(true);
    expect(replay.body.auditId).toBe((oks[0] as Awaited<ReturnType<typeof correctTask>>).body.auditId);
    expect(await failureOf(() => correctTask(context(), request(workOrder.id, task, true, { key })))).toMatchObject({
      code: 'idempotency_key_reused',
      status: 422,
    });

    expect(await patches(workOrder.id)).toHaveLength(1);
    expect((await corrections(workOrder.id)).filter((r) => r.outcome === 'applied')).toHaveLength(1);
  });

  it('the upstream refusing "not analysed" → 409 task_not_analyzed, audit rejected, no retry', async () => {
    const { workOrder, task } = await analysedTask();
    const remove = await failNextPatch(workOrder.id, task, { status: 400, body: { detail: 'This task has not been analyzed yet.' } });
    try {
      expect(await failureOf(() => correctTask(context(), request(workOrder.id, task, false)))).toMatchObject({
        code: 'task_not_analyzed',
        status: 409,
      });
    } finally {
      await remove();
    }
    expect(await patches(workOrder.id)).toHaveLength(1);
    expect((await corrections(workOrder.id)).map((r) => r.outcome)).toEqual(['rejected']);
  });
});

describe('correction, a PATCH the upstream may still apply after we stopped waiting', () => {
  /** The PATCH is applied by the simulator this long after it arrived: well past the write deadline (3 s). */
  const LATE_MS = 6000;

  it('timed out, applied late: the same key is not sent again while it may land, then settles as applied', async () => {
    const { workOrder, task } = await analysedTask();
    const key = crypto.randomUUID();
    const remove = await failNextPatch(workOrder.id, task, { delayMs: LATE_MS });
    try {
      const refused = await failureOf(() => correctTask(context(), request(workOrder.id, task, false, { key })));
      // The reconciling read does not show the value yet; that proves nothing while the PATCH may land.
      expect(refused).toMatchObject({ code: 'outcome_unknown', status: 504 });
      expect(refused.retryAfter).toBeGreaterThan(0);
      const rows = await corrections(workOrder.id);
      expect(rows.map((r) => r.outcome)).toEqual(['unknown']);
      expect(rows[0].details).toMatchObject({ upstreamError: 'upstream_timeout', inFlightUntil: expect.any(String) });

      // The user's immediate retry with the same key: still unknown, and no second PATCH.
      const again = await failureOf(() => correctTask(context(), request(workOrder.id, task, false, { key })));
      expect(again).toMatchObject({ code: 'outcome_unknown', details: { auditId: rows[0].id } });
      expect(again.retryAfter).toBeGreaterThan(0);
      expect(await patches(workOrder.id)).toHaveLength(1);
    } finally {
      await remove();
    }

    // The upstream applies it late; the next retry sees it: applied, still one PATCH.
    await vi.waitFor(async () => expect((await currentTask(workOrder.id, task)).effectiveValue).toBe(false), {
      timeout: LATE_MS + 5000,
      interval: 200,
    });
    const settled = await correctTask(context(), request(workOrder.id, task, false, { key }));
    expect(settled.body).toMatchObject({ reconciled: true, task: { effectiveValue: false } });
    expect(await patches(workOrder.id)).toHaveLength(1);
    const rows = await corrections(workOrder.id);
    expect(rows.map((r) => r.outcome)).toEqual(['applied', 'unknown']);
    expect(rows[0].details).toMatchObject({ settles: rows[1].id });

    // Settled: another supervisor's correction of the task goes through again.
    session.user = testUser('supervisor');
    const next = await correctTask(context(), request(workOrder.id, settled.body.task, true));
    expect(next.body.task.effectiveValue).toBe(true);
    expect(await patches(workOrder.id)).toHaveLength(2);
  });

  it('while an earlier correction may still land, any other correction of the task is refused (409 correction_in_flight) without a PATCH', async () => {
    const { workOrder, task } = await analysedTask();
    const remove = await failNextPatch(workOrder.id, task, { hang: true });
    let unknownId: string;
    try {
      const refused = await failureOf(() => correctTask(context(), request(workOrder.id, task, false)));
      expect(refused).toMatchObject({ code: 'outcome_unknown' });
      unknownId = (refused.details as { auditId: string }).auditId;
    } finally {
      await remove();
    }
    // Another supervisor, with the version the task still has.
    session.user = testUser('supervisor');
    const blocked = await failureOf(() => correctTask(context(), request(workOrder.id, task, true)));
    expect(blocked).toMatchObject({ code: 'correction_in_flight', status: 409 });
    expect(blocked.retryAfter).toBeGreaterThan(0);
    // The first user too, with a new intent (a new key).
    session.user = supervisor;
    expect(await failureOf(() => correctTask(context(), request(workOrder.id, task, true)))).toMatchObject({ code: 'correction_in_flight' });
    expect(await patches(workOrder.id)).toHaveLength(1);
    const rows = await corrections(workOrder.id);
    expect(rows.map((r) => r.outcome)).toEqual(['conflict', 'conflict', 'unknown']);
    expect(rows[0].details).toMatchObject({ inFlight: unknownId });
    expect(await currentTask(workOrder.id, task)).toMatchObject({ corrected: false, version: task.version });
  });

  it('after the horizon, with the value still not there, the retry with the same key sends the one PATCH it needs', async () => {
    inFlightHorizon(1);
    const { workOrder, task } = await analysedTask();
    const key = crypto.randomUUID();
    const remove = await failNextPatch(workOrder.id, task, { hang: true });
    let refused: Awaited<ReturnType<typeof failureOf>>;
    try {
      refused = await failureOf(() => correctTask(context(), request(workOrder.id, task, false, { key })));
      expect(refused).toMatchObject({ code: 'outcome_unknown' });
    } finally {
      await remove();
    }
    await untilHorizonPassed(refused);
    const retried = await correctTask(context(), request(workOrder.id, task, false, { key }));
    expect(retried.body.task.effectiveValue).toBe(false);
    expect(await patches(workOrder.id)).toHaveLength(2);
    const rows = await corrections(workOrder.id);
    expect(rows.map((r) => r.outcome)).toEqual(['applied', 'rejected', 'unknown']);
    // The log points from the proof back at the attempt it settles.
    expect(rows[1].details).toMatchObject({ settles: rows[2].id, idempotencyKey: key });
  });
});
