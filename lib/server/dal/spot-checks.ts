import 'server-only';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '@/lib/server/audit';
import { getDb, type Db } from '@/lib/server/db/client';
import { spotCheckAnswers, spotChecks } from '@/lib/server/db/schema';
import { deepomatic } from '@/lib/server/deepomatic';
import { AppError } from '@/lib/server/http/errors';
import { aiVerdicts, blindWorkOrder, revealedBoxes, type AiVerdict } from '@/lib/server/spot-checks/blind';
import { fillDrawKeys, isInSample, readSettings, sampleSize, waitingWorkOrders, writeRate } from '@/lib/server/spot-checks/sample';
import { checkedCount, falseAcceptRates } from '@/lib/server/spot-checks/stats';
import type { SpotCheckDto, SpotCheckQueueDto, SpotCheckRevealDto, SpotCheckSettingsDto, SpotCheckStatsDto } from '@/lib/shared/spot-checks';
import { taskKey } from '@/lib/shared/task-key';
import type { WorkOrderDto } from '@/lib/shared/work-order-dto';
import { callOptions, type OperationContext } from './context';
import { rememberInputUrls } from './input-urls';
import { toWorkOrderDto } from './mappers';
import { operation } from './operation';
import { workOrderParams } from './validation';

/**
 * Spot checks of what the AI passed. Admins set the share of fully passed work orders (score
 * 100, no correction) drawn for a check; supervisors check the drawn ones blind, task by task,
 * and only then see what the AI said; everyone who reads the overview sees the AI's estimated
 * false-accept rate per task. Blindness is enforced here: before a work order's answers are in,
 * nothing this module returns carries the AI's output (see `blindWorkOrder`).
 */

export const QUEUE_LIMIT = 100;
const MAX_ANSWERS = 500;

const rateBody = z.strictObject({
  /** Percent, decimals allowed (0.5 = one work order in 200). */
  ratePercent: z.number().min(0).max(100),
});

const answersBody = z.strictObject({
  answers: z
    .array(z.strictObject({ taskGroupName: z.string().max(256), taskName: z.string().max(256), ok: z.boolean() }))
    .min(1)
    .max(MAX_ANSWERS),
});

async function settingsDto(db: Db): Promise<SpotCheckSettingsDto> {
  const settings = await readSettings(db);
  const size = await sampleSize(db, settings);
  return { ratePercent: settings.ratePercent, updatedBy: settings.updatedBy, updatedAt: settings.updatedAt?.toISOString() ?? null, ...size };
}

/** The work order as the upstream has it now, with its photos (remembered for the media proxy). */
async function readWorkOrder(id: string, ctx: OperationContext): Promise<WorkOrderDto> {
  const workOrder = await deepomatic.getWorkOrder(id, { includeInputs: true }, callOptions(ctx));
  rememberInputUrls(id, workOrder.inputs ?? []);
  return toWorkOrderDto(workOrder);
}

async function storedReveal(db: Db, workOrder: WorkOrderDto): Promise<SpotCheckRevealDto | null> {
  const [check] = await db.select().from(spotChecks).where(eq(spotChecks.workOrderId, workOrder.id));
  if (!check) return null;
  const answers = await db.select().from(spotCheckAnswers).where(eq(spotCheckAnswers.workOrderId, workOrder.id));
  const sentences = new Map(aiVerdicts(workOrder).map((task) => [taskKey(task.taskGroupName, task.taskName), task.sentence]));
  return {
    checkedBy: check.checkedByEmail,
    checkedAt: check.checkedAt.toISOString(),
    tasks: answers.map((answer) => ({
      taskGroupName: answer.taskGroupName,
      taskName: answer.taskName,
      sentence: sentences.get(taskKey(answer.taskGroupName, answer.taskName)) ?? answer.taskName,
      reviewerOk: answer.reviewerOk,
      aiValidated: answer.aiValidated,
      aiValue: answer.aiValue ?? null,
    })),
    boxes: revealedBoxes(workOrder),
  };
}

/** GET /api/spot-checks/settings — the sampling rate and how many work orders it draws. */
export const getSpotCheckSettings = operation({
  role: 'admin',
  scope: { none: 'the site-wide sampling rate and how many work orders it draws: admins only' },
  async run(): Promise<SpotCheckSettingsDto> {
    return settingsDto(await getDb());
  },
});

/** PUT /api/spot-checks/settings `{ratePercent}` — sets the sampling rate (audited, before and after). */
export const setSpotCheckRate = operation({
  role: 'admin',
  scope: { none: 'the site-wide sampling rate: admins only' },
  input: { body: rateBody },
  async run({ user, input, ctx }): Promise<SpotCheckSettingsDto> {
    const db = await getDb();
    const before = await readSettings(db);
    await writeRate(db, input.body.ratePercent, user.email);
    // Normally done after each sync pass; here too, so the answer counts work orders indexed since.
    await fillDrawKeys(db);
    await recordAudit({
      actorId: user.id,
      actorEmail: user.email,
      action: 'spot_check_rate_changed',
      before: { ratePercent: before.ratePercent },
      after: { ratePercent: input.body.ratePercent },
      outcome: 'succeeded',
      requestId: ctx.requestId,
    });
    return settingsDto(db);
  },
});

/** GET /api/spot-checks — drawn work orders nobody checked yet, newest first. */
export const listSpotCheckQueue = operation({
  role: 'supervisor',
  scope: 'list',
  async run({ scope }): Promise<SpotCheckQueueDto> {
    const db = await getDb();
    const settings = await readSettings(db);
    const { total, items } = await waitingWorkOrders(db, settings, QUEUE_LIMIT, scope);
    return {
      ratePercent: settings.ratePercent,
      total,
      limit: QUEUE_LIMIT,
      items: items.map((item) => ({ id: item.id, name: item.name, createDate: item.createDate.toISOString() })),
    };
  },
});

/**
 * GET /api/spot-checks/{id} — a drawn work order, blind until its answers are in (then with the
 * reveal). 404 for a work order that is neither drawn nor checked.
 */
export const getSpotCheck = operation({
  role: 'supervisor',
  scope: 'workOrder',
  input: { params: workOrderParams },
  abortable: true,
  async run({ input, ctx }): Promise<SpotCheckDto> {
    const { id } = input.params;
    const db = await getDb();
    const [checked] = await db.select({ id: spotChecks.workOrderId }).from(spotChecks).where(eq(spotChecks.workOrderId, id));
    if (!checked && !(await isInSample(db, await readSettings(db), id))) throw new AppError('not_found');
    const workOrder = await readWorkOrder(id, ctx);
    return { workOrder: blindWorkOrder(workOrder), reveal: checked ? await storedReveal(db, workOrder) : null };
  },
});

/**
 * POST /api/spot-checks/{id} `{answers: [{taskGroupName, taskName, ok}]}` — one answer per task of
 * the blind work order. Stores them beside what the AI says now (read from the upstream at this
 * moment, not from anything the browser sent), audits, and answers with the reveal. A work order
 * is checked once: a second submission is a 409.
 */
export const answerSpotCheck = operation({
  role: 'supervisor',
  scope: 'workOrder',
  input: { params: workOrderParams, body: answersBody },
  async run({ user, input, ctx }): Promise<SpotCheckDto> {
    const { id } = input.params;
    const db = await getDb();
    const [already] = await db.select({ id: spotChecks.workOrderId }).from(spotChecks).where(eq(spotChecks.workOrderId, id));
    if (already) throw new AppError('conflict', { details: { reason: 'already_checked' } });
    if (!(await isInSample(db, await readSettings(db), id))) throw new AppError('not_found');

    const workOrder = await readWorkOrder(id, ctx);
    const verdicts = aiVerdicts(workOrder);
    const answers = new Map(input.body.answers.map((answer) => [taskKey(answer.taskGroupName, answer.taskName), answer.ok]));
    const exact = answers.size === input.body.answers.length && answers.size === verdicts.length;
    if (!exact || verdicts.some((task) => !answers.has(taskKey(task.taskGroupName, task.taskName)))) {
      // One answer per task asked, no more: the statistics count tasks, not submissions.
      throw new AppError('validation_failed', { fields: { answers: 'invalid' } });
    }
    const rows = verdicts.map((task: AiVerdict) => ({
      workOrderId: id,
      taskGroupName: task.taskGroupName,
      taskName: task.taskName,
      reviewerOk: answers.get(taskKey(task.taskGroupName, task.taskName)) as boolean,
      aiValidated: task.aiValidated,
      aiValue: task.aiValue,
    }));
    const checkedAt = new Date();
    const stored = await db.transaction(async (tx) => {
      const inserted = await tx
        .insert(spotChecks)
        .values({ workOrderId: id, workOrderName: workOrder.name, checkedBy: user.id, checkedByEmail: user.email, checkedAt })
        .onConflictDoNothing({ target: spotChecks.workOrderId })
        .returning({ id: spotChecks.workOrderId });
      if (inserted.length === 0) return false;
      if (rows.length > 0) await tx.insert(spotCheckAnswers).values(rows);
      return true;
    });
    // Two reviewers submitting together: the first one counts.
    if (!stored) throw new AppError('conflict', { details: { reason: 'already_checked' } });
    await recordAudit({
      actorId: user.id,
      actorEmail: user.email,
      action: 'spot_check_answered',
      workOrderId: id,
      after: { answers: rows.map((row) => ({ taskGroupName: row.taskGroupName, taskName: row.taskName, ok: row.reviewerOk })) },
      outcome: 'succeeded',
      requestId: ctx.requestId,
      details: {
        tasks: rows.length,
        falseAccepts: rows.filter((row) => row.aiValidated === true && !row.reviewerOk).length,
      },
    });
    return { workOrder: blindWorkOrder(workOrder), reveal: await storedReveal(db, workOrder) };
  },
});

/** GET /api/spot-checks/stats — the false-accept rate per task, with its 95 % interval. */
export const getSpotCheckStats = operation({
  role: 'viewer',
  scope: 'list',
  async run({ scope }): Promise<SpotCheckStatsDto> {
    const db = await getDb();
    const settings = await readSettings(db);
    const [tasks, { total: waiting }, count] = await Promise.all([
      falseAcceptRates(db, scope),
      waitingWorkOrders(db, settings, 0, scope),
      checkedCount(db, scope),
    ]);
    return { ratePercent: settings.ratePercent, checkedWorkOrders: count, waiting, tasks };
  },
});
