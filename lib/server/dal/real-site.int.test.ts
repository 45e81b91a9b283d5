import { beforeAll, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
  process.env.DEEPOMATIC_RETRY_BASE_MS = '10';
  process.env.DEEPOMATIC_RETRY_MAX_DELAY_MS = '20';
  process.env.DEEPOMATIC_BREAKER_THRESHOLD = '1000';
});

vi.mock('@/lib/server/dal/authorize', () => import('@/test/fakes/authorize'));

import { eq } from 'drizzle-orm';
import { workOrderIndex } from '@/lib/server/db/schema';
import type { TaskDto, TaskValue, WorkOrderDto } from '@/lib/shared/work-order-dto';
import { dataUri, photoWithFindings } from '@/test/harness/simulator-api';
import { onDocumentedProfile } from '@/test/harness/simulator-profile';
import { analyzeWorkOrder } from './analysis';
import { correctTask, getCorrectionHistory } from './corrections';
import { session } from '@/test/fakes/authorize';
import { addFault, context, forceAnalysis, ledger, setUpDalIntegration, testUser } from '@/test/harness/dal';
import { exportWorkOrdersCsv, searchWorkOrders } from './work-order-search';
import { createWorkOrder, getWorkOrderPage, updateWorkOrder } from './work-orders';

/**
 * What a real Deepomatic site needs of us, through the DAL, against both simulator profiles
 * (`integration` and `integration-documented`): names kept exactly, Boolean / Number / Text
 * corrections sent as the strings the API documents, analysis outcomes and scores read back
 * from the work order, and one unreadable task degrading only itself.
 */

const supervisor = testUser('supervisor');
const setup = setUpDalIntegration({ signedIn: supervisor });

const allTasks = (workOrder: WorkOrderDto) => workOrder.taskGroups.flatMap((group) => group.tasks);

async function page(id: string): Promise<WorkOrderDto> {
  return (await getWorkOrderPage(context(), { params: { id } })).workOrder;
}

async function indexRow(id: string) {
  const [row] = await setup.db.select().from(workOrderIndex).where(eq(workOrderIndex.id, id));
  return row;
}

function correction(workOrderId: string, task: TaskDto, correctedValue: TaskValue) {
  return {
    params: { id: workOrderId, taskId: task.id },
    body: async () => ({ correctedValue, reason: 'ai_false_positive' }),
    headers: { 'Idempotency-Key': crypto.randomUUID(), 'If-Match': `"${task.version}"` },
  };
}

async function readCsv(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

describe('work-order names: any value, kept exactly', () => {
  it('creates, indexes, finds, exports and renames a name with spaces, accents and slashes as typed', async () => {
    const name = `  Poste Sud / Lyon 3e — équipe ${crypto.randomUUID().slice(0, 6)} `;
    const created = await createWorkOrder(context(), { body: async () => ({ name }) });
    expect(created.name).toBe(name);
    const [sent] = await ledger('/v0.2/work-orders/', 'POST').then((calls) => calls.filter((call) => (call.body as { name?: string }).name === name));
    expect(sent).toBeDefined();
    expect((await page(created.id)).name).toBe(name);
    expect((await indexRow(created.id)).name).toBe(name);

    const found = await searchWorkOrders(context(), { query: new URLSearchParams({ q: 'Poste Sud / Lyon 3e', review: 'all' }) });
    expect(found.rows.map((row) => [row.id, row.name])).toContainEqual([created.id, name]);
    const accented = await searchWorkOrders(context(), { query: new URLSearchParams({ q: 'équipe', review: 'all' }) });
    expect(accented.rows.map((row) => row.id)).toContain(created.id);

    const { stream } = await exportWorkOrdersCsv(context(), {
      query: new URLSearchParams({ q: 'Poste Sud / Lyon 3e', review: 'all', cols: 'name,progressScore' }),
    });
    const csv = await readCsv(stream);
    // The field as typed, quoted by the CSV writer only because of its leading and trailing spaces.
    expect(csv).toContain(`${created.id},"${name}",`);

    const renamed = `${name}/bis`;
    expect((await updateWorkOrder(context(), { params: { id: created.id }, body: async () => ({ name: renamed }) })).name).toBe(renamed);
    expect((await indexRow(created.id)).name).toBe(renamed);
  });
});

describe('corrections of every outcome type, sent as strings', () => {
  let workOrder: WorkOrderDto;
  beforeAll(async () => {
    session.user = supervisor;
    const created = await createWorkOrder(context(), {
      body: async () => ({ name: `real-site ${crypto.randomUUID().slice(0, 8)}`, workOrderTypes: ['raccordement'] }),
    });
    await forceAnalysis(created.id, 'mesure-optique', { attenuation_db: 27.5, puissance_recue_dbm: -20, ecran_lisible: false });
    await forceAnalysis(created.id, 'etiquette-cable', { reference_cable: 'CAB-12', etiquette_presente: true, couleur_fibre: 'bleu' });
    workOrder = await page(created.id);
  });

  it.each([
    ['Boolean', 'ecran_lisible', true, 'true'],
    ['Number', 'attenuation_db', 12.5, '12.5'],
    ['Text', 'reference_cable', 'CAB-123456', 'CAB-123456'],
  ] as const)('%s: the upstream gets %s as %j; the page shows the typed value and the re-read score', async (_type, name, value, wire) => {
    const task = allTasks(await page(workOrder.id)).find((candidate) => candidate.name === name)!;
    expect(task.analyzed).toBe(true);
    const result = await correctTask(context(), correction(workOrder.id, task, value));
    expect(result.body.task).toMatchObject({ name, effectiveValue: value, corrected: true });
    expect(result.body.task.state?.correctedValue).toBe(value);
    // The score is the one of the work order read again, never assumed from the answer.
    expect(result.body.workOrder).not.toBeNull();
    expect(result.body.progressScore).toBe(result.body.workOrder?.progressScore);
    const patches = await ledger(`/v0.2/work-orders/${workOrder.id}/tasks/${task.id}/correction/`, 'PATCH');
    expect(patches.at(-1)?.body).toEqual({ corrected_value: wire });
    // Read again (the upstream may echo the value as text): the same typed value, the same version.
    const again = allTasks(await page(workOrder.id)).find((candidate) => candidate.id === task.id)!;
    expect(again.effectiveValue).toBe(value);
    expect(again.version).toBe(result.body.task.version);
    const history = await getCorrectionHistory(context(), { params: { id: workOrder.id, taskId: task.id } });
    expect(history.corrections[0]).toMatchObject({ outcome: 'applied', after: value });
  });

  it('the validation, message and colour of a corrected task follow its rules when the upstream does not say', async () => {
    const task = allTasks(await page(workOrder.id)).find((candidate) => candidate.name === 'attenuation_db')!;
    // attenuation_db: ≤ 25 dB is the green, validating rule of the simulated application.
    expect(task).toMatchObject({ effectiveValue: 12.5, validated: true });
    expect(task.state?.color).toMatch(/^#[0-9a-fA-F]{6}$/);
    expect(task.state?.message).toBeTruthy();
  });
});

describe('analysis: outcome and score read back from the work order', () => {
  it('derives the outcome when the answer has no status, and takes the score from the re-read work order', async () => {
    const created = await createWorkOrder(context(), {
      body: async () => ({ name: `real-site analysis ${crypto.randomUUID().slice(0, 6)}`, workOrderTypes: ['inspection-rapide'] }),
    });
    const ok = await analyzeWorkOrder(context(), {
      params: { id: created.id },
      body: async () => ({ taskGroupName: 'pm-ouvert-apres', source: dataUri(photoWithFindings([], 'real-site-ok')) }),
    });
    expect(['analysis_ok', 'analysis_ko']).toContain(ok.result.status);
    expect(ok.result.impactedTaskIds.length).toBe(2);
    expect(ok.result.progressScore).toBe(ok.workOrder?.progressScore);
    const impacted = allTasks(ok.workOrder!).filter((task) => ok.result.impactedTaskIds.includes(task.id));
    const scored = impacted.filter((task) => task.countedInScore);
    expect(ok.result.status).toBe(scored.every((task) => task.validated) ? 'analysis_ok' : 'analysis_ko');

    const blocked = await analyzeWorkOrder(context(), {
      params: { id: created.id },
      body: async () => ({
        taskGroupName: 'pm-ouvert-apres',
        source: dataUri(photoWithFindings([{ code: 'blur', level: 'error' }], 'real-site-blur')),
      }),
    });
    expect(blocked.result).toMatchObject({ status: 'conformity_error', impactedTaskIds: [] });
    expect(blocked.result.conformityMessages.some((message) => message.code === 'blur' && message.level === 'error')).toBe(true);
    const answer = (await ledger(`/v0.2/work-orders/${created.id}/analyze/`, 'POST')).at(-1);
    expect(answer?.status).toBe(200);
  });
});

describe('what the documents leave out', () => {
  it('dates the upstream does not send are unknown on the page and in the list, not invented', async () => {
    const created = await createWorkOrder(context(), { body: async () => ({ name: `real-site dates ${crypto.randomUUID().slice(0, 6)}` }) });
    const shown = await page(created.id);
    const listed = (await searchWorkOrders(context(), { query: new URLSearchParams({ q: created.name, review: 'all' }) })).rows.find(
      (row) => row.id === created.id,
    );
    if (onDocumentedProfile()) {
      expect(shown).toMatchObject({ createDate: null, updateDate: null, siteId: null, appVersionId: null });
      expect(listed).toMatchObject({ createDate: null, updateDate: null });
      // Field Review's stand-in keeps the list sortable: the time it first indexed the work order.
      expect((await indexRow(created.id)).createDateKnown).toBe(false);
    } else {
      expect(shown.createDate).not.toBeNull();
      expect(listed?.createDate).toBe(new Date(shown.createDate!).toISOString());
    }
  });

  it('one task the upstream sends in a form we cannot read is shown as unreadable; the rest of the work order works', async () => {
    const created = await createWorkOrder(context(), {
      body: async () => ({ name: `real-site unreadable ${crypto.randomUUID().slice(0, 6)}`, workOrderTypes: ['inspection-rapide'] }),
    });
    await forceAnalysis(created.id, 'pm-ouvert-apres', { pm_ouvert_apres: true, pm_ouvert_apres_quality: false });
    const base = process.env.DEEPOMATIC_API_URL!;
    const raw = (await (
      await fetch(`${base}work-orders/${created.id}/`, { headers: { Authorization: `Token ${process.env.DEEPOMATIC_API_KEY}` } })
    ).json()) as Record<string, unknown>;
    const broken = breakOneTask(raw, 'pm_ouvert_apres_quality');
    const removeFault = await addFault({ method: 'GET', path: `/v0.2/work-orders/${created.id}/`, status: 200, body: broken, times: 1 });
    try {
      const shown = await page(created.id);
      const group = shown.taskGroups.find((candidate) => candidate.name === 'pm-ouvert-apres')!;
      expect(group.tasks.map((task) => task.name)).not.toContain('pm_ouvert_apres_quality');
      expect(group.unreadableTasks).toEqual([{ id: 'not-a-task-id', name: 'pm_ouvert_apres_quality' }]);
      expect(group.tasks.find((task) => task.name === 'pm_ouvert_apres')?.validated).toBe(true);
    } finally {
      await removeFault();
    }
    // The next read is whole again, and a correction works as usual.
    const task = allTasks(await page(created.id)).find((candidate) => candidate.name === 'pm_ouvert_apres_quality')!;
    expect((await correctTask(context(), correction(created.id, task, true))).body.task.corrected).toBe(true);
  });
});

/** The work order with one task given an id no client could put in a URL (flat or nested shape). */
function breakOneTask(raw: Record<string, unknown>, taskName: string): Record<string, unknown> {
  const breakTask = (task: Record<string, unknown>) => (task.name === taskName ? { ...task, id: 'not-a-task-id' } : task);
  const copy = structuredClone(raw);
  if (Array.isArray(copy.tasks)) {
    const target = (copy.tasks as Record<string, unknown>[]).find((task) => task.name === taskName)!;
    for (const group of copy.task_groups as { tasks: unknown[] }[]) group.tasks = group.tasks.filter((id) => id !== target.id);
    copy.tasks = (copy.tasks as Record<string, unknown>[]).map(breakTask);
  } else {
    for (const group of copy.task_groups as { tasks: Record<string, unknown>[] }[]) group.tasks = group.tasks.map(breakTask);
  }
  return copy;
}
