import { cleanBox } from '@/lib/shared/bounding-box';
import type { TaskValue } from '@/lib/shared/progress-score';
import {
  allTasks,
  type ConformityMessageDto,
  type CorrectionSummaryDto,
  type Metadata,
  type TimelineEntryDto,
  type WorkOrderDto,
} from '@/lib/shared/work-order-dto';

/**
 * Everything an evidence pack says, as data: what the PDF prints, and what its printed hash is
 * taken over (see `canonical-json.ts`). Built from the same DTOs the work-order page shows, so
 * the pack never says more, or other, than the page.
 */

export const PACK_FORMAT = 'field-review/evidence-pack@1';

/** How much of the upstream's photos a pack takes in, whatever the work order holds. */
export const PHOTO_LIMITS = {
  /** Photos embedded; the others are listed as left out. */
  maxPhotos: 20,
  /** Bytes of one photo; a larger one is listed as missing. */
  maxPhotoBytes: 5 * 1024 * 1024,
  /** Bytes of all embedded photos together. */
  maxTotalBytes: 40 * 1024 * 1024,
} as const;

export type PhotoMissingReason = 'over_limit' | 'too_large' | 'not_loaded' | 'unsupported_type' | 'unreadable' | 'not_an_image';

export type PackPhotoFile =
  { state: 'included'; mediaType: 'image/jpeg' | 'image/png'; bytes: number; sha256: string } | { state: 'missing'; reason: PhotoMissingReason };

export interface PackBox {
  taskGroupName: string;
  taskName: string;
  label: string | null;
  score: number | null;
  xmin: number;
  ymin: number;
  xmax: number;
  ymax: number;
}

export interface PackPhoto {
  inputId: string;
  taskGroupName: string;
  createDate: string | null;
  status: string | null;
  conformityMessages: ConformityMessageDto[];
  /** The AI's boxes on this photo, cleaned (see `lib/shared/bounding-box.ts`). */
  boxes: PackBox[];
  file: PackPhotoFile;
}

export type TaskVerdict = 'validated' | 'not_validated' | 'not_analyzed';

export interface PackTask {
  id: string;
  taskGroupName: string;
  name: string;
  sentence: string;
  aiValue: TaskValue | null;
  correctedValue: TaskValue | null;
  verdict: TaskVerdict;
  /** The rule's sentence for the value (customer text). */
  message: string | null;
  countedInScore: boolean;
}

export interface PackCorrection {
  at: string;
  actorEmail: string | null;
  taskGroupName: string | null;
  taskName: string | null;
  before: TaskValue | null;
  after: TaskValue | null;
  reason: string | null;
  /** The reason code's label in the pack's language, when the code is known. */
  reasonLabel: string | null;
  comment: string | null;
  outcome: CorrectionSummaryDto['outcome'];
}

export interface PackReview {
  status: 'reviewed' | 'to_review';
  reviewedAt: string | null;
  reviewedBy: string | null;
}

export interface PackTimelineEntry {
  date: string;
  source: TimelineEntryDto['source'];
  type: string;
  actorEmail: string | null;
  taskGroupName: string | null;
  taskName: string | null;
  outcome: string | null;
  reason: string | null;
  comment: string | null;
}

export interface EvidencePackContent {
  format: typeof PACK_FORMAT;
  /** The audit row that records this pack: the reference a receiver quotes. */
  packId: string;
  generatedAt: string;
  generatedBy: string;
  locale: string;
  timeZone: string;
  workOrder: {
    id: string;
    name: string;
    siteId: string | null;
    fieldEngineerEmail: string | null;
    fieldEngineerName: string | null;
    createDate: string | null;
    updateDate: string | null;
    reviewDate: string | null;
    progressScore: number;
    tags: string[];
    workOrderTypes: string[];
    metadata: Metadata;
  };
  tasks: PackTask[];
  /** Every correction attempt made through Field Review, newest first. */
  corrections: PackCorrection[];
  review: PackReview;
  timeline: PackTimelineEntry[];
  /** False when the upstream's own events could not be read (ours are still there). */
  timelineComplete: boolean;
  photos: PackPhoto[];
  limits: typeof PHOTO_LIMITS;
}

export function taskVerdict(task: { analyzed: boolean; validated: boolean }): TaskVerdict {
  if (!task.analyzed) return 'not_analyzed';
  return task.validated ? 'validated' : 'not_validated';
}

export function packTasks(workOrder: WorkOrderDto): PackTask[] {
  return allTasks(workOrder).map((task) => ({
    id: task.id,
    taskGroupName: task.taskGroupName,
    name: task.name,
    sentence: task.sentence,
    aiValue: task.state?.analyzedValue ?? null,
    correctedValue: task.state?.correctedValue ?? null,
    verdict: taskVerdict(task),
    message: task.state?.message ?? null,
    countedInScore: task.countedInScore,
  }));
}

/** The AI's boxes per photo: every task's analysed inputs, cleaned, in task order. */
export function boxesByInput(workOrder: WorkOrderDto): Map<string, PackBox[]> {
  const boxes = new Map<string, PackBox[]>();
  for (const task of allTasks(workOrder)) {
    for (const analyzed of task.state?.analyzedInputs ?? []) {
      const key = analyzed.inputId.toLowerCase();
      for (const box of analyzed.boundingBoxes) {
        const clean = cleanBox(box);
        if (!clean) continue;
        const list = boxes.get(key) ?? [];
        list.push({
          taskGroupName: task.taskGroupName,
          taskName: task.name,
          label: typeof box.label === 'string' ? box.label : null,
          score: typeof box.score === 'number' && Number.isFinite(box.score) ? box.score : null,
          ...clean,
        });
        boxes.set(key, list);
      }
    }
  }
  return boxes;
}

export function packTimeline(entries: readonly TimelineEntryDto[]): PackTimelineEntry[] {
  return entries.map((entry) => ({
    date: entry.date,
    source: entry.source,
    type: entry.type,
    actorEmail: entry.actorEmail,
    taskGroupName: entry.taskGroupName,
    taskName: entry.taskName,
    outcome: entry.outcome ?? null,
    reason: entry.reason ?? null,
    comment: entry.comment ?? null,
  }));
}

export function packWorkOrder(workOrder: WorkOrderDto): EvidencePackContent['workOrder'] {
  return {
    id: workOrder.id,
    name: workOrder.name,
    siteId: workOrder.siteId,
    fieldEngineerEmail: workOrder.fieldEngineerEmail,
    fieldEngineerName: workOrder.fieldEngineerName,
    createDate: workOrder.createDate,
    updateDate: workOrder.updateDate,
    reviewDate: workOrder.reviewDate,
    progressScore: workOrder.progressScore,
    tags: workOrder.tags,
    workOrderTypes: workOrder.workOrderTypes,
    metadata: workOrder.metadata,
  };
}
