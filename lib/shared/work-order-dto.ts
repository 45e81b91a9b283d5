/**
 * What the browser receives from (and sends to) our work-order routes. Pure types plus one
 * pure adapter for the score preview: no server imports, safe on both sides.
 *
 * Our API speaks camelCase. Upstream URLs never appear here: images go through our own
 * authenticated proxy routes (`/api/work-orders/{id}/inputs/{inputId}/image`,
 * `/api/task-groups/{name}/examples/{index}`).
 */
import type { BoundingBox, OutcomeType, Rule, ScoredTask, TaskValue } from './progress-score';

export type { OutcomeType, Rule, TaskValue } from './progress-score';

// ---------------------------------------------------------------------------------------
// Work order page
// ---------------------------------------------------------------------------------------

/** Normalised 0..1, origin top-left (the upstream's own box, unchanged). */
export type BoundingBoxDto = BoundingBox;

export interface AnalyzedInputDto {
  inputId: string;
  boundingBoxes: BoundingBoxDto[];
}

export interface TaskStateDto {
  analyzedValue: TaskValue | null;
  correctedValue: TaskValue | null;
  /** Rule sentence (customer text: render as text only). */
  message: string | null;
  /** `#rrggbb` or null (anything else from the upstream is dropped). */
  color: string | null;
  isConformityValidated: boolean;
  analyzedInputs: AnalyzedInputDto[];
  /** ISO-8601 UTC, or null when the upstream did not say. */
  updateDate: string | null;
}

/** Who last corrected a task through Field Review (from our audit log). */
export interface CorrectionSummaryDto {
  auditId: string;
  actorEmail: string | null;
  /** ISO-8601 UTC. */
  at: string;
  before: TaskValue | null;
  after: TaskValue | null;
  reason: string | null;
  comment: string | null;
  outcome: CorrectionOutcome;
  requestId: string | null;
}

export type CorrectionOutcome = 'pending' | 'applied' | 'rejected' | 'unknown' | 'conflict';

/** A task of a work order: its definition (see `TaskDefinitionDto`) plus its state. */
export interface TaskDto extends TaskDefinitionDto {
  taskGroupName: string;
  /** False when the task was never analysed (state null or no value): cannot be corrected. */
  analyzed: boolean;
  state: TaskStateDto | null;
  /** corrected ?? analyzed, null when none. */
  effectiveValue: TaskValue | null;
  corrected: boolean;
  validated: boolean;
  /**
   * Opaque version of the task state the user sees. Send it back as `If-Match` on a
   * correction; the server answers 412 if the task changed meanwhile.
   */
  version: string;
  /**
   * Last correction made through Field Review that changed the value (`applied`) or may have
   * (`unknown`, `pending`), or null. Refused and conflicting attempts are in the history only.
   */
  lastCorrection: CorrectionSummaryDto | null;
}

export interface TaskGroupDto {
  id: string;
  name: string;
  displayName: string;
  description: string;
  order: number;
  /** Our proxy URLs for the example photos (`/api/task-groups/{name}/examples/{index}`). */
  exampleImageUrls: string[];
}

/** A task the upstream sent but we could not read: shown as such, never counted or corrected. */
export interface UnreadableTaskDto {
  /** What could still be read of it (either may be null). */
  id: string | null;
  name: string | null;
}

export interface TaskGroupWithTasksDto extends TaskGroupDto {
  tasks: TaskDto[];
  /** Absent = none. */
  unreadableTasks?: UnreadableTaskDto[];
}

export interface ConformityMessageDto {
  code: string;
  name: string;
  level: 'warning' | 'error';
  message: string;
}

export interface InputDto {
  id: string;
  taskGroupName: string;
  type: 'image' | 'pdf';
  /** Our proxy URL `/api/work-orders/{id}/inputs/{inputId}/image` (images only; null for PDFs). */
  imageUrl: string | null;
  createDate: string | null;
  status: string | null;
  conformityMessages: ConformityMessageDto[];
}

export type MetadataValue = string | number | boolean | null;
export type Metadata = Record<string, MetadataValue>;

export interface WorkOrderTaskCounts {
  total: number;
  analyzed: number;
  notAnalyzed: number;
  validated: number;
  notValidated: number;
  corrected: number;
  countedInScore: number;
}

export interface WorkOrderDto {
  id: string;
  name: string;
  siteId: string | null;
  appVersionId: string | null;
  /** Null when the upstream does not say (the API documents neither date). */
  createDate: string | null;
  updateDate: string | null;
  reviewDate: string | null;
  metadata: Metadata;
  tags: string[];
  fieldEngineerEmail: string | null;
  fieldEngineerName: string | null;
  userGroupIds: string[];
  workOrderTypes: string[];
  progressScore: number;
  /** Sorted by `order`; a task whose group is not listed ends up in a group of its own at the end. */
  taskGroups: TaskGroupWithTasksDto[];
  inputs: InputDto[];
  counts: WorkOrderTaskCounts;
}

/** GET /api/work-orders/{id} */
export interface WorkOrderPageDto {
  workOrder: WorkOrderDto;
  /** Newest first. */
  timeline: TimelineEntryDto[];
  /** False when the upstream timeline could not be read (our audit events are still there). */
  timelineComplete: boolean;
}

// ---------------------------------------------------------------------------------------
// Timeline
// ---------------------------------------------------------------------------------------

/** The v0.2 timeline event types (the upstream may add more: those are shown generically). */
export const UPSTREAM_TIMELINE_TYPES = [
  'work_order_created',
  'work_order_updated',
  'metadata_updated',
  'analysis',
  'conformity_error',
  'correction',
  'work_order_deleted',
] as const;
export type UpstreamTimelineType = (typeof UPSTREAM_TIMELINE_TYPES)[number];

export interface TimelineEntryDto {
  /** Unique across both sources (`upstream:<id>` / `audit:<id>`). */
  id: string;
  source: 'upstream' | 'field_review';
  /** ISO-8601 UTC. */
  date: string;
  /** Upstream event type, or our audit action (e.g. `correction`, `work_order.update`, `review.mark`). */
  type: string;
  /** The person (ours) or the account the upstream credits (often the API key owner). */
  actorEmail: string | null;
  taskGroupName: string | null;
  taskId: string | null;
  taskName: string | null;
  inputId: string | null;
  /** Scalar fields only (customer text: render as text). */
  payload: Record<string, MetadataValue>;
  /** Our audit rows only. */
  outcome?: string | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
  comment?: string | null;
}

/** GET /api/work-orders/{id}/timeline */
export interface TimelineDto {
  entries: TimelineEntryDto[];
  complete: boolean;
}

// ---------------------------------------------------------------------------------------
// Create / edit
// ---------------------------------------------------------------------------------------

/** POST /api/work-orders (201 → WorkOrderDto); PUT /api/work-orders/{id} takes the same. */
export interface WorkOrderCreateRequest {
  name: string;
  metadata?: Metadata;
  tags?: string[];
  fieldEngineerEmail?: string | null;
  userGroupIds?: string[];
  workOrderTypes?: string[];
}

/** PATCH /api/work-orders/{id}: any subset (at least one field). */
export type WorkOrderPatchRequest = Partial<WorkOrderCreateRequest>;

/** PATCH (merge) / PUT (replace) /api/work-orders/{id}/metadata: the metadata object itself. */
export type MetadataRequest = Metadata;

// ---------------------------------------------------------------------------------------
// Correction
// ---------------------------------------------------------------------------------------

/**
 * PATCH /api/work-orders/{id}/tasks/{taskId}/correction
 * Headers: `Content-Type: application/json`, `Idempotency-Key: <uuid v4>` (one per intent,
 * reused on retries), `If-Match: "<task.version>"` (428 when missing).
 */
export interface CorrectionRequest {
  /** Must match the task's outcome type: boolean / finite number / text ≤ 256 chars. */
  correctedValue: TaskValue;
  /** A reason code from GET /api/reason-codes. */
  reason: string;
  comment?: string;
}

/** 200 answer of a correction. */
export interface CorrectionResponse {
  /** True when the upstream answer was lost and a reconciling read showed the value stored. */
  reconciled: boolean;
  auditId: string;
  task: TaskDto;
  /** The work order re-read after the correction (null if that re-read failed; reload then). */
  workOrder: WorkOrderDto | null;
  progressScore: number;
}

/** `details` of the 412 `precondition_failed` error. */
export interface CorrectionConflictDetails {
  current: TaskDto;
  lastCorrection: CorrectionSummaryDto | null;
}

/** GET /api/work-orders/{id}/tasks/{taskId}/correction — newest first. */
export interface CorrectionHistoryDto {
  corrections: CorrectionSummaryDto[];
}

export interface ReasonCodeDto {
  code: string;
  /** In the user's language (falls back to English, then to the code). */
  label: string;
  labels: Partial<Record<'en' | 'fr' | 'de' | 'es', string>>;
  active: boolean;
  sortOrder: number;
}

/** POST /api/reason-codes (admin). */
export interface ReasonCodeCreateRequest {
  code: string;
  labels: Partial<Record<'en' | 'fr' | 'de' | 'es', string>> & { en: string };
  active?: boolean;
  sortOrder?: number;
}

/** PATCH /api/reason-codes/{code} (admin). */
export type ReasonCodeUpdateRequest = Partial<Omit<ReasonCodeCreateRequest, 'code'>>;

// ---------------------------------------------------------------------------------------
// Analysis
// ---------------------------------------------------------------------------------------

/**
 * POST /api/work-orders/{id}/analyze (sync) and /analyze/callback (async).
 * `source` is a data URI: `data:image/jpeg;base64,…`, `data:image/png;base64,…` or
 * `data:application/pdf;base64,…`. Limits (decoded): image 5 MB, PDF 8 MB; the type is
 * checked by magic bytes.
 */
export interface AnalyzeRequest {
  taskGroupName: string;
  source: string;
}

/** `analysis_done`: analysed, but neither the upstream nor a re-read told whether it validated. */
export type AnalysisStatus = 'analysis_ok' | 'analysis_ko' | 'conformity_error' | 'analysis_done';

export interface AnalysisResultDto {
  status: AnalysisStatus;
  conformityMessages: ConformityMessageDto[];
  input: InputDto | null;
  /** Only the tasks the analysis touched (ids; read their new state in `workOrder`). */
  impactedTaskIds: string[];
  /** The work order's score read again after the analysis (null when that read failed). */
  progressScore: number | null;
}

/** 200 answer of the sync analyze. */
export interface AnalyzeResponse {
  result: AnalysisResultDto;
  /** The work order re-read after the analysis (null if that re-read failed). */
  workOrder: WorkOrderDto | null;
}

/** 202 answer of /analyze/callback; then poll GET /api/work-orders/{id}/analyses/{analysisId}. */
export interface AnalysisPendingDto {
  analysisId: string;
  status: 'pending';
}

/** GET /api/work-orders/{id}/analyses/{analysisId} */
export interface AnalysisDto {
  analysisId: string;
  workOrderId: string;
  taskGroupName: string;
  status: 'pending' | 'completed';
  createdAt: string;
  completedAt: string | null;
  result: AnalysisResultDto | null;
}

// ---------------------------------------------------------------------------------------
// Task groups (/api/task-groups, /api/task-groups/{name})
// ---------------------------------------------------------------------------------------

export interface TaskDefinitionDto {
  id: string;
  name: string;
  sentence: string;
  mandatory: boolean;
  /** How the task behaves: its declared type, or Text for a type we do not know. */
  outcomeType: OutcomeType;
  /** The declared type when it is not one we know ("" when the upstream gave none), else null. */
  declaredOutcomeType?: string | null;
  outcomeDisplay: string | null;
  /** The task's `outcome_validation` rules, in order ([] when none). Colours sanitised. */
  rules: Rule[];
  /** `conformity_status`: the task counts in `progress_score`. */
  countedInScore: boolean;
  /** `!only_for_dashboard`: the result is pushed to the field worker. */
  pushedToField: boolean;
}

export interface TaskGroupDefinitionDto extends TaskGroupDto {
  tasks: TaskDefinitionDto[];
}

// ---------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------

/** Body of every error answer of our API (mirrors `ErrorBody` of lib/server/http/errors). */
export interface ApiErrorBody {
  error: string;
  message: string;
  requestId: string;
  fields?: Record<string, string>;
  details?: unknown;
}

// ---------------------------------------------------------------------------------------
// Score preview
// ---------------------------------------------------------------------------------------

/** A task DTO in the shape `progressScore` / `evaluateTask` of lib/shared/progress-score expect. */
export function toScoredTask(task: TaskDto): ScoredTask {
  return {
    id: task.id,
    conformity_status: task.countedInScore,
    outcome_validation: task.rules,
    state: task.state ? { analyzed_value: task.state.analyzedValue, corrected_value: task.state.correctedValue } : null,
  };
}

/** Every task of a work order once (tasks may be listed under several groups). */
export function allTasks(workOrder: Pick<WorkOrderDto, 'taskGroups'>): TaskDto[] {
  const seen = new Set<string>();
  const tasks: TaskDto[] = [];
  for (const group of workOrder.taskGroups) {
    for (const task of group.tasks) {
      if (seen.has(task.id)) continue;
      seen.add(task.id);
      tasks.push(task);
    }
  }
  return tasks;
}
