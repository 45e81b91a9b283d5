import type { z } from 'zod';
import type { UpstreamLanguage } from './config';
import type {
  analysisCallbackPayloadSchema,
  analyzeCallbackAcceptedSchema,
  analyzedInputSchema,
  analyzedTaskSchema,
  analyzeResultSchema,
  boundingBoxSchema,
  conformityMessageSchema,
  correctionResultSchema,
  CompleteTaskState,
  inputSchema,
  ruleSchema,
  taskDefinitionSchema,
  taskGroupSchema,
  taskSchema,
  taskValueSchema,
  timelineEventSchema,
  UnreadableTask,
  WorkOrderListRow,
  WorkOrderShape,
  workOrderSummarySchema,
} from './schemas';

/** Types of the parsed (validated, normalised) upstream answers. */

export type TaskValue = z.output<typeof taskValueSchema>;
export type { OutcomeType } from '@/lib/shared/progress-score';
export type Rule = z.output<typeof ruleSchema>;
export type BoundingBox = z.output<typeof boundingBoxSchema>;
export type AnalyzedInput = z.output<typeof analyzedInputSchema>;
/** A task's state with its verdict complete (the upstream's where given, else from its rules). */
export type TaskState = CompleteTaskState;
/** A task as configured in a task group (no state). */
export type TaskDefinition = z.output<typeof taskDefinitionSchema>;
/** A task of a work order, with its state (`null` = not analysed yet). */
export type Task = z.output<typeof taskSchema>;
/** A task group of the application, with its task definitions. */
export type TaskGroup = z.output<typeof taskGroupSchema>;
/** A task group as embedded in a work order: `tasks` holds task ids. */
export type WorkOrderTaskGroup = WorkOrder['task_groups'][number];
export type ConformityMessage = z.output<typeof conformityMessageSchema>;
export type Input = z.output<typeof inputSchema>;
export type WorkOrderSummary = z.output<typeof workOrderSummarySchema>;
export type WorkOrder = WorkOrderShape;
export type { UnreadableTask };
export type TimelineEvent = z.output<typeof timelineEventSchema>;
export type AnalyzedTask = z.output<typeof analyzedTaskSchema>;
export type AnalyzeResult = z.output<typeof analyzeResultSchema>;
export type AnalyzeCallbackAccepted = z.output<typeof analyzeCallbackAcceptedSchema>;
export type AnalysisCallbackPayload = z.output<typeof analysisCallbackPayloadSchema>;
export type CorrectionResult = z.output<typeof correctionResultSchema>;

export type { WorkOrderListRow, SummaryField } from './schemas';

/**
 * One page of work orders. Upstream `next`/`previous` URLs never leave the client: they are
 * reduced to page numbers, and the next one also to `nextCursor`.
 */
export interface WorkOrderPage {
  count: number;
  page: number;
  /** The page size asked for (the site may use its own: count `results`). */
  pageSize: number;
  /** The page the `next` link names; null on the last page, or when the site pages otherwise (follow `nextCursor`). */
  nextPage: number | null;
  previousPage: number | null;
  /**
   * The `next` link's query, to pass back as `listWorkOrders({ cursor })`: follows whatever
   * pagination the site uses, with the parameters as the site itself wrote them. Null on the
   * last page.
   */
  nextCursor: string | null;
  results: WorkOrderListRow[];
}

/** Options every client function accepts last. */
export interface CallOptions {
  /** The user's language, forwarded as `Accept-Language` (en, fr, de, es; else en). */
  language?: UpstreamLanguage;
  /** Our request id, forwarded as `X-Request-Id` and logged. */
  requestId?: string;
  /** Aborts the call (e.g. the browser went away). Do not pass it for corrections. */
  signal?: AbortSignal;
  /**
   * `background` (index sync, jobs) goes through a smaller bulkhead of its own before the
   * shared one, so background work can never take every upstream slot from users.
   */
  priority?: 'interactive' | 'background';
}

export type CircuitStateName = 'closed' | 'open' | 'half-open' | 'isolated';

export interface UpstreamHealth {
  ok: boolean;
  configured: boolean;
  latencyMs: number | null;
  breaker: CircuitStateName;
  /** Our error code when not ok (never upstream text). */
  error?: string;
}
