import 'server-only';
import type { EvidencePackContent, PackTask } from './content';
import { drawPhoto } from './photo';
import type { LoadedPhoto } from './photos';
import type { PackTexts } from './texts';
import { COLOURS, type PackWriter } from './writer';

/** The sections of a pack, in the order they print. Each reads only the pack's content. */

export const ATTACHMENT_NAME = 'evidence-pack.json';

const MB = 1024 * 1024;

export function drawCover(w: PackWriter, content: EvidencePackContent, contentSha256: string, texts: PackTexts): void {
  const { t } = texts;
  w.title(t('title'));
  w.line(t('workOrder', { name: content.workOrder.name }), { font: 'bold', size: 14 });
  w.gap();
  w.line(t('generated', { when: texts.date(content.generatedAt), who: content.generatedBy }));
  w.line(t('timeZone', { zone: content.timeZone }), { colour: COLOURS.muted, size: 9 });
  w.gap();
  w.field(t('reference'), content.packId);
  w.line(`${t('contentHash')}:`, { font: 'bold' });
  w.line(contentSha256, { font: 'mono', size: 9 });
}

export function drawSummary(w: PackWriter, content: EvidencePackContent, texts: PackTexts): void {
  const { t } = texts;
  const wo = content.workOrder;
  const list = (values: string[]) => (values.length ? values.join(', ') : t('none'));
  w.section(t('sections.summary'));
  w.field(t('summary.id'), wo.id);
  w.field(t('summary.site'), wo.siteId ?? t('none'));
  const engineer =
    wo.fieldEngineerName && wo.fieldEngineerName !== wo.fieldEngineerEmail
      ? `${wo.fieldEngineerName} (${wo.fieldEngineerEmail ?? t('none')})`
      : wo.fieldEngineerEmail;
  w.field(t('summary.engineer'), engineer ?? t('none'));
  w.field(t('summary.created'), wo.createDate ? texts.date(wo.createDate) : t('summary.unknown'));
  w.field(t('summary.updated'), wo.updateDate ? texts.date(wo.updateDate) : t('summary.unknown'));
  w.field(t('summary.upstreamReview'), texts.date(wo.reviewDate));
  w.field(t('summary.score'), t('summary.scoreValue', { score: wo.progressScore }));
  w.field(t('summary.types'), list(wo.workOrderTypes));
  w.field(t('summary.tags'), list(wo.tags));
  const metadata = Object.entries(wo.metadata);
  if (metadata.length > 0) {
    w.subheading(t('summary.metadata'));
    for (const [key, value] of metadata) w.field(key, value === null ? t('none') : String(value));
  }
}

export function drawReview(w: PackWriter, content: EvidencePackContent, texts: PackTexts): void {
  const { t } = texts;
  const review = content.review;
  w.section(t('sections.review'));
  if (review.status !== 'reviewed') w.line(t('review.toReview'));
  else if (review.reviewedBy) w.line(t('review.reviewed', { when: texts.date(review.reviewedAt), who: review.reviewedBy }));
  else w.line(t('review.reviewedAt', { when: texts.date(review.reviewedAt) }));
}

function drawTask(w: PackWriter, task: PackTask, texts: PackTexts): void {
  const { t } = texts;
  w.ensureSpace(40);
  w.line(task.sentence, { font: 'bold' });
  if (task.sentence !== task.name) w.line(task.name, { font: 'mono', size: 8, colour: COLOURS.muted });
  const parts = [
    t('tasks.ai', { value: texts.value(task.aiValue) }),
    ...(task.correctedValue !== null ? [t('tasks.corrected', { value: texts.value(task.correctedValue) })] : []),
    t('tasks.verdictLabel', { verdict: t(`verdict.${task.verdict}`) }),
    ...(task.countedInScore ? [] : [t('tasks.notCounted')]),
  ];
  w.line(parts.join(' · '), { indent: 10 });
  if (task.message) w.line(task.message, { indent: 10, colour: COLOURS.muted, size: 9 });
  w.gap(0.3);
}

export function drawTasks(w: PackWriter, content: EvidencePackContent, texts: PackTexts): void {
  const { t } = texts;
  w.section(t('sections.tasks'));
  if (content.tasks.length === 0) w.line(t('tasks.none'));
  let group: string | null = null;
  for (const task of content.tasks) {
    if (task.taskGroupName !== group) {
      group = task.taskGroupName;
      w.subheading(t('tasks.group', { group }));
    }
    drawTask(w, task, texts);
  }
}

export function drawCorrections(w: PackWriter, content: EvidencePackContent, texts: PackTexts): void {
  const { t } = texts;
  w.section(t('sections.corrections'));
  if (content.corrections.length === 0) w.line(t('corrections.none'));
  for (const correction of content.corrections) {
    w.ensureSpace(60);
    w.line(t('corrections.who', { when: texts.date(correction.at), who: correction.actorEmail ?? t('corrections.unknownActor') }), { font: 'bold' });
    w.line(t('corrections.task', { group: correction.taskGroupName ?? t('none'), task: correction.taskName ?? t('none') }), { indent: 10 });
    w.line(t('corrections.change', { before: texts.value(correction.before), after: texts.value(correction.after) }), { indent: 10 });
    if (correction.reason) {
      const reason =
        correction.reasonLabel && correction.reasonLabel !== correction.reason
          ? `${correction.reasonLabel} (${correction.reason})`
          : correction.reason;
      w.line(t('corrections.reason', { reason }), { indent: 10 });
    }
    if (correction.comment) w.line(t('corrections.comment', { comment: correction.comment }), { indent: 10 });
    w.line(t('corrections.outcome', { outcome: t(`outcome.${correction.outcome}`) }), { indent: 10, colour: COLOURS.muted, size: 9 });
    w.gap(0.3);
  }
}

export function drawConformity(w: PackWriter, content: EvidencePackContent, texts: PackTexts): void {
  const { t } = texts;
  w.section(t('sections.conformity'));
  const withMessages = content.photos.map((photo, index) => ({ photo, index })).filter(({ photo }) => photo.conformityMessages.length > 0);
  if (withMessages.length === 0) w.line(t('conformity.none'));
  for (const { photo, index } of withMessages) {
    w.subheading(t('conformity.photo', { index: index + 1, group: photo.taskGroupName }));
    for (const message of photo.conformityMessages) {
      w.line(
        t('conformity.message', { level: t(`conformity.level.${message.level}`), message: message.message || message.name, code: message.code }),
        { indent: 10 },
      );
    }
  }
}

const OUTCOME_KEYS = new Set(['pending', 'applied', 'rejected', 'unknown', 'conflict', 'succeeded', 'failed', 'denied']);

export function drawTimeline(w: PackWriter, content: EvidencePackContent, texts: PackTexts): void {
  const { t } = texts;
  w.section(t('sections.timeline'));
  if (!content.timelineComplete) w.line(t('timeline.incomplete'), { colour: COLOURS.box });
  if (content.timeline.length === 0) w.line(t('timeline.none'));
  for (const entry of content.timeline) {
    w.ensureSpace(28);
    const source = entry.source === 'upstream' ? t('timeline.sourceUpstream') : t('timeline.sourceOurs');
    w.line(`${texts.date(entry.date)} · ${texts.eventType(entry.type)} · ${source}`, { font: 'bold', size: 9 });
    const details = [
      ...(entry.actorEmail ? [t('timeline.by', { who: entry.actorEmail })] : []),
      ...(entry.taskName ? [`${entry.taskGroupName ?? ''} / ${entry.taskName}`] : entry.taskGroupName ? [entry.taskGroupName] : []),
      ...(entry.outcome
        ? [t('corrections.outcome', { outcome: OUTCOME_KEYS.has(entry.outcome) ? t(`outcome.${entry.outcome}`) : entry.outcome })]
        : []),
      ...(entry.reason ? [t('corrections.reason', { reason: entry.reason })] : []),
      ...(entry.comment ? [t('corrections.comment', { comment: entry.comment })] : []),
    ];
    if (details.length > 0) w.line(details.join(' · '), { size: 9, indent: 10, colour: COLOURS.muted });
  }
}

export function drawPhotos(w: PackWriter, content: EvidencePackContent, photos: ReadonlyMap<string, LoadedPhoto>, texts: PackTexts): void {
  const { t } = texts;
  const limits = content.limits;
  w.section(t('sections.photos'));
  w.line(t('photos.limits', { maxPhotos: limits.maxPhotos, maxPhotoMb: limits.maxPhotoBytes / MB, maxTotalMb: limits.maxTotalBytes / MB }), {
    colour: COLOURS.muted,
    size: 9,
  });
  if (content.photos.length === 0) w.line(t('photos.none'));
  content.photos.forEach((photo, index) => drawPhoto(w, photo, photos.get(photo.inputId), index + 1, content.photos.length, texts));
}

export function drawIntegrity(w: PackWriter, content: EvidencePackContent, contentSha256: string, texts: PackTexts): void {
  const { t } = texts;
  w.section(t('sections.integrity'));
  w.field(t('reference'), content.packId);
  w.line(`${t('contentHash')}:`, { font: 'bold' });
  w.line(contentSha256, { font: 'mono', size: 9 });
  w.gap();
  w.line(t('integrity.hash', { file: ATTACHMENT_NAME }));
  w.gap(0.3);
  w.line(t('integrity.audit'));
}
