import { NextRequest } from 'next/server';
import { describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
  process.env.APP_URL = 'http://127.0.0.1:3999';
});

vi.mock('@/lib/server/dal/authorize', () => import('@/test/fakes/authorize'));

import { POST } from '@/app/api/work-orders/[id]/evidence-pack/route';
import { getAuditRow, listAudit } from '@/lib/server/audit';
import { toSessionUser } from '@/lib/server/auth/users';
import { users } from '@/lib/server/db/schema';
import { canonicalJson, sha256Hex } from '@/lib/server/evidence-pack/canonical-json';
import { ATTACHMENT_NAME } from '@/lib/server/evidence-pack/sections';
import type { TaskDto, WorkOrderDto } from '@/lib/shared/work-order-dto';
import { session } from '@/test/fakes/authorize';
import { addFault, context, failureOf, forceAnalysis, setUpDalIntegration, testUser } from '@/test/harness/dal';
import { readPdf } from '@/test/harness/pdf-text';
import { correctTask } from './corrections';
import { EVIDENCE_PACK_ACTION, generateEvidencePack } from './evidence-pack';
import { setReview } from './review';
import { createWorkOrder, getWorkOrderPage } from './work-orders';

const setup = setUpDalIntegration();

/** A signed-in supervisor who exists in the users table (the review names its reviewer from there). */
async function supervisorInDb() {
  const [row] = await setup.db
    .insert(users)
    .values({ email: `pack-${crypto.randomUUID().slice(0, 8)}@test.example`, role: 'supervisor' })
    .returning();
  session.user = toSessionUser(row);
  return session.user;
}

/**
 * A work order with two analysed photos (one with a conformity warning), a correction with its
 * reason and comment, and a review: everything a pack shows.
 */
async function disputedWorkOrder(): Promise<{ workOrder: WorkOrderDto; corrected: TaskDto }> {
  const created = await createWorkOrder(context(), { body: async () => ({ name: `pack-${crypto.randomUUID().slice(0, 8)}` }) });
  const group = created.taskGroups.find((g) => g.tasks.some((t) => t.outcomeType === 'Boolean'))!;
  const target = group.tasks.find((t) => t.outcomeType === 'Boolean')!;
  await forceAnalysis(created.id, group.name, { [target.name]: true }, [{ code: 'blur', level: 'warning' }]);
  await forceAnalysis(created.id, group.name, { [target.name]: true });
  const before = await getWorkOrderPage(context(), { params: { id: created.id } });
  const task = before.workOrder.taskGroups.flatMap((g) => g.tasks).find((t) => t.id === target.id)!;
  await correctTask(context(), {
    params: { id: created.id, taskId: task.id },
    body: async () => ({ correctedValue: false, reason: 'ai_false_positive', comment: 'cabinet shut, seen on site' }),
    headers: { 'Idempotency-Key': crypto.randomUUID(), 'If-Match': `"${task.version}"` },
  });
  await setReview(context(), { params: { id: created.id }, body: async () => ({ status: 'reviewed' }) });
  const after = await getWorkOrderPage(context(), { params: { id: created.id } });
  return { workOrder: after.workOrder, corrected: task };
}

describe('evidence pack of a disputed work order', () => {
  it('prints the tasks, verdicts, correction, reviewer, conformity message, photos and its hash, and audits both hashes', async () => {
    const supervisor = await supervisorInDb();
    const { workOrder, corrected } = await disputedWorkOrder();

    const pack = await generateEvidencePack(context(), { params: { id: workOrder.id } });
    const pdf = await readPdf(pack.bytes);

    expect(pdf.text).toContain(workOrder.name);
    expect(pdf.images).toBe(workOrder.inputs.length);
    expect(workOrder.inputs).toHaveLength(2);
    for (const task of workOrder.taskGroups.flatMap((g) => g.tasks)) expect(pdf.text).toContain(task.name);
    expect(pdf.text).toContain(corrected.sentence);
    expect(pdf.text).toContain('Corrected: No');
    expect(pdf.text).toMatch(/Verdict: (not )?validated/);
    expect(pdf.text).toContain('Reason: AI false positive (ai_false_positive)');
    expect(pdf.text).toContain('Comment: cabinet shut, seen on site');
    expect(pdf.text).toContain(`by ${supervisor.email}.`);
    expect(pdf.text).toMatch(/Warning: .+ \(blur\)/);
    expect(pdf.text).toContain(pack.contentSha256);
    expect(pdf.text).toContain(pack.packId);

    // The printed hash is the SHA-256 of the attached canonical content, which lists each photo's hash.
    const attached = pdf.attachments[ATTACHMENT_NAME];
    expect(sha256Hex(attached)).toBe(pack.contentSha256);
    const content = JSON.parse(new TextDecoder().decode(attached));
    expect(canonicalJson(content)).toBe(new TextDecoder().decode(attached));
    expect(content.photos.map((photo: { file: { state: string; sha256: string } }) => photo.file.state)).toEqual(['included', 'included']);
    expect(content.photos[0].file.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(content.corrections[0]).toMatchObject({
      actorEmail: supervisor.email,
      reason: 'ai_false_positive',
      before: true,
      after: false,
      outcome: 'applied',
    });

    const row = await getAuditRow(pack.packId);
    expect(row).toMatchObject({ action: EVIDENCE_PACK_ACTION, workOrderId: workOrder.id, actorEmail: supervisor.email, outcome: 'succeeded' });
    expect(row?.details).toMatchObject({
      contentSha256: pack.contentSha256,
      pdfSha256: sha256Hex(pack.bytes),
      pdfBytes: pack.bytes.length,
      photosIncluded: 2,
    });
  });

  it('answers a PDF attachment with a safe file name through its route', async () => {
    await supervisorInDb();
    const { workOrder } = await disputedWorkOrder();
    const response = await POST(
      new NextRequest(`http://127.0.0.1:3999/api/work-orders/${workOrder.id}/evidence-pack`, {
        method: 'POST',
        headers: { origin: 'http://127.0.0.1:3999' },
      }),
      { params: Promise.resolve({ id: workOrder.id }) },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="evidence-pack-[A-Za-z0-9_-]+-\d{4}-\d{2}-\d{2}\.pdf"$/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(new TextDecoder().decode(bytes.subarray(0, 5))).toBe('%PDF-');
    const row = await getAuditRow(response.headers.get('x-pack-id')!);
    expect(row?.details).toMatchObject({ pdfSha256: sha256Hex(bytes), contentSha256: response.headers.get('x-content-sha256') });
    expect(response.headers.get('x-pdf-sha256')).toBe(sha256Hex(bytes));
  });

  it('lists a photo the upstream serves broken as missing and still delivers the pack', async () => {
    await supervisorInDb();
    const { workOrder } = await disputedWorkOrder();
    const remove = await addFault({ method: 'GET', path: '/media/inputs/**', status: 500, times: 100 });
    try {
      const pack = await generateEvidencePack(context(), { params: { id: workOrder.id } });
      const pdf = await readPdf(pack.bytes);
      expect(pdf.images).toBe(0);
      expect(pdf.text).toContain('Photo missing: could not be loaded from Deepomatic');
      expect((await getAuditRow(pack.packId))?.details).toMatchObject({ photosIncluded: 0, photosMissing: 2 });
    } finally {
      await remove();
    }
  });

  it('is refused to a viewer (403, audited as refused) and to nobody signed in (401), with no pack recorded', async () => {
    await supervisorInDb();
    const { workOrder } = await disputedWorkOrder();
    session.user = testUser('viewer');
    expect(await failureOf(() => generateEvidencePack(context(), { params: { id: workOrder.id } }))).toMatchObject({
      status: 403,
      code: 'forbidden',
    });
    session.user = null;
    expect(await failureOf(() => generateEvidencePack(context(), { params: { id: workOrder.id } }))).toMatchObject({ status: 401 });
    expect(await listAudit({ workOrderId: workOrder.id, action: EVIDENCE_PACK_ACTION })).toEqual([]);
  });
});
