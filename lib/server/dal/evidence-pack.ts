import 'server-only';
import { recordAudit, updateAuditOutcome } from '@/lib/server/audit';
import { getDb } from '@/lib/server/db/client';
import { deepomatic } from '@/lib/server/deepomatic';
import { displayTimeZone } from '@/lib/server/display-time-zone';
import { canonicalJson, sha256Hex } from '@/lib/server/evidence-pack/canonical-json';
import {
  boxesByInput,
  PACK_FORMAT,
  packTasks,
  packTimeline,
  packWorkOrder,
  PHOTO_LIMITS,
  type EvidencePackContent,
  type PackCorrection,
  type PackPhoto,
} from '@/lib/server/evidence-pack/content';
import { packFilename } from '@/lib/server/evidence-pack/layout';
import { loadPackPhotos } from '@/lib/server/evidence-pack/photos';
import { renderEvidencePack } from '@/lib/server/evidence-pack/render';
import { packTexts } from '@/lib/server/evidence-pack/texts';
import { isAppError } from '@/lib/server/http/errors';
import { logger } from '@/lib/server/logger';
import { callOptions } from './context';
import { correctionRows, toCorrectionSummary } from './correction-history';
import { operation } from './operation';
import { reasonLabels } from './reason-codes';
import { readState } from './review';
import { mergeTimeline, workOrderAuditRows } from './timeline';
import { workOrderParams } from './validation';
import { presentWorkOrder } from './work-orders';

export const EVIDENCE_PACK_ACTION = 'evidence_pack_generated';

export interface EvidencePackFile {
  bytes: Uint8Array;
  filename: string;
  packId: string;
  contentSha256: string;
  pdfSha256: string;
}

/** `YYYY-MM-DD` of `date` in the display time zone: the day the user reads on the page. */
function dayIn(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}

/**
 * POST /api/work-orders/{id}/evidence-pack — one PDF with everything the work-order page shows
 * of a work order (tasks and the AI's verdicts, each photo with its boxes, every correction
 * attempt with who, when and why, the review, the conformity messages, the timeline), for a
 * supervisor to send outside the organisation in a dispute.
 *
 * Supervisor and up: the pack holds nothing a viewer cannot read on the page, but issuing one is
 * an act of record (it is what the organisation stands behind, under a reference in the audit
 * log) and it is the heaviest read we make of the upstream (every photo). Viewers read the page.
 *
 * The audit row is written `pending` before the pack is drawn (its id is the reference printed in
 * the pack) and settled with the SHA-256 of the pack's content and of the PDF's bytes before the
 * PDF is answered: no pack leaves without its row. If that settlement fails, the user gets the
 * error, not the PDF.
 */
export const generateEvidencePack = operation({
  role: 'supervisor',
  scope: 'workOrder',
  input: { params: workOrderParams },
  async run({ user, input, ctx }): Promise<EvidencePackFile> {
    const { id } = input.params;
    const options = callOptions(ctx);
    const [workOrder, events] = await Promise.all([
      deepomatic.getWorkOrder(id, { includeInputs: true }, options),
      // As on the page: without the upstream's timeline the pack still holds ours, and says so.
      deepomatic.getTimeline(id, options).catch((error: unknown) => {
        if (!(isAppError(error) && error.code === 'not_found'))
          logger.warn({ err: error, requestId: ctx.requestId, workOrderId: id }, 'timeline unavailable');
        return null;
      }),
    ]);
    const db = await getDb();
    const [dto, auditRows, attempts, review, reasons] = await Promise.all([
      presentWorkOrder(workOrder, ctx),
      workOrderAuditRows(id),
      correctionRows(id),
      readState(db, id),
      reasonLabels(ctx.locale),
    ]);
    const urls = new Map((workOrder.inputs ?? []).map((raw) => [String(raw.id).toLowerCase(), raw.url ?? null]));
    const loaded = await loadPackPhotos(
      dto.inputs.map((item) => ({ inputId: item.id, type: item.type, url: urls.get(item.id.toLowerCase()) ?? null })),
      { requestId: ctx.requestId },
    );

    const { id: packId } = await recordAudit({
      actorId: user.id,
      actorEmail: user.email,
      action: EVIDENCE_PACK_ACTION,
      workOrderId: id,
      outcome: 'pending',
      requestId: ctx.requestId,
      details: { format: PACK_FORMAT },
    });

    const timeZone = displayTimeZone();
    const generatedAt = new Date();
    const boxes = boxesByInput(dto);
    const photos: PackPhoto[] = dto.inputs.map((item) => ({
      inputId: item.id,
      taskGroupName: item.taskGroupName,
      createDate: item.createDate,
      status: item.status,
      conformityMessages: item.conformityMessages,
      boxes: boxes.get(item.id.toLowerCase()) ?? [],
      file: loaded.get(item.id)?.file ?? { state: 'missing', reason: 'not_loaded' },
    }));
    const corrections: PackCorrection[] = attempts.map((row) => {
      const summary = toCorrectionSummary(row);
      return {
        at: summary.at,
        actorEmail: summary.actorEmail,
        taskGroupName: row.taskGroupName,
        taskName: row.taskName,
        before: summary.before,
        after: summary.after,
        reason: summary.reason,
        reasonLabel: summary.reason ? (reasons.get(summary.reason) ?? null) : null,
        comment: summary.comment,
        outcome: summary.outcome,
      };
    });
    const content: EvidencePackContent = {
      format: PACK_FORMAT,
      packId,
      generatedAt: generatedAt.toISOString(),
      generatedBy: user.email,
      locale: ctx.locale,
      timeZone,
      workOrder: packWorkOrder(dto),
      tasks: packTasks(dto),
      corrections,
      review: { status: review.status, reviewedAt: review.reviewedAt, reviewedBy: review.reviewedBy },
      timeline: packTimeline(mergeTimeline(events ?? [], auditRows)),
      timelineComplete: events !== null,
      photos,
      limits: PHOTO_LIMITS,
    };
    const included = photos.filter((photo) => photo.file.state === 'included').length;
    const summary = { format: PACK_FORMAT, photosIncluded: included, photosMissing: photos.length - included };

    let contentSha256: string | null = null;
    let bytes: Uint8Array;
    try {
      contentSha256 = sha256Hex(canonicalJson(content));
      bytes = await renderEvidencePack(content, contentSha256, loaded, await packTexts(ctx.locale, timeZone));
    } catch (error) {
      await updateAuditOutcome(packId, 'failed', { details: { ...summary, contentSha256, error: 'internal_error' } }).catch((auditError: unknown) =>
        logger.error({ err: auditError, requestId: ctx.requestId, auditId: packId }, 'audit settlement failed'),
      );
      throw error;
    }
    const pdfSha256 = sha256Hex(bytes);
    await updateAuditOutcome(packId, 'succeeded', { details: { ...summary, contentSha256, pdfSha256, pdfBytes: bytes.length } });
    return { bytes, filename: packFilename(dto.name, dayIn(generatedAt, timeZone)), packId, contentSha256, pdfSha256 };
  },
});
