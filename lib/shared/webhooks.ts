/**
 * Webhooks as both sides see them: the events an endpoint may subscribe to, what each event's
 * `data` holds, and the DTOs of the admin page. The body a receiver gets is
 * `{ id, type, createdAt, data }` (`WebhookEnvelope`).
 */

export const WEBHOOK_EVENTS = ['correction.applied', 'work_order.reviewed', 'conformity_error.received', 'work_order.stuck', 'drift.alarm'] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];

export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'delivered', 'failed', 'dead'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

/** Bounds of an endpoint's "stuck for N days". */
export const STUCK_DAYS_MIN = 1;
export const STUCK_DAYS_MAX = 365;

/** The message key of an event's label (`webhooks.events.<key>`): message keys cannot hold dots. */
export function webhookEventKey(type: WebhookEventType): string {
  return type.replaceAll('.', '_');
}

/** A correction made here that the upstream applied (or a reconciling read proved applied). */
export interface CorrectionAppliedData {
  workOrderId: string;
  taskId: string;
  taskGroupName: string;
  taskName: string;
  /** The value the task now has. */
  correctedValue: unknown;
  reason: string;
  /** E-mail of the user who made the correction. */
  correctedBy: string;
  /** The audit row of the attempt. */
  auditId: string;
}

/** A work order marked reviewed, alone or in a bulk review. */
export interface WorkOrderReviewedData {
  workOrderId: string;
  /** E-mail of the reviewer. */
  reviewedBy: string;
  reviewedAt: string;
}

/** The index saw a work order's conformity errors rise above a known earlier count. */
export interface ConformityErrorReceivedData {
  workOrderId: string;
  workOrderName: string;
  siteId: string | null;
  conformityErrors: number;
  previousConformityErrors: number;
}

/** A work order not complete and not updated for the endpoint's `stuckDays` (once per update date). */
export interface WorkOrderStuckData {
  workOrderId: string;
  workOrderName: string;
  progressScore: number;
  /** The last update: a new one ends this stuck episode. */
  updatedAt: string;
  stuckDays: number;
}

/** The AI's overturn rate of a task left its usual band (drift alarm). */
export interface DriftAlarmData {
  taskGroupName: string;
  taskName: string;
  /** The newest application version, where the task's rate moved. */
  appVersionId: string;
  /** The version before it, the rate compared with. */
  previousAppVersionId: string;
  /** Share of the AI's judged verdicts overturned by corrections in the newest version (0–1). */
  overturnRate: number;
  /** The same share in the previous version (0–1). */
  baselineRate: number;
  /** Judged tasks behind each rate. */
  sampleSize: number;
  baselineSampleSize: number;
  /** Two-sided Fisher exact test, then Holm's correction across the tasks tested. */
  test: 'fisher-exact-two-sided';
  correction: 'holm';
  pValue: number;
  adjustedPValue: number;
}

export interface WebhookEventData {
  'correction.applied': CorrectionAppliedData;
  'work_order.reviewed': WorkOrderReviewedData;
  'conformity_error.received': ConformityErrorReceivedData;
  'work_order.stuck': WorkOrderStuckData;
  'drift.alarm': DriftAlarmData;
}

/** The JSON body of every delivery. */
export interface WebhookEnvelope<T extends WebhookEventType = WebhookEventType> {
  /** The event's id: the same in every endpoint's delivery of it, and in a replay. */
  id: string;
  type: T;
  createdAt: string;
  data: WebhookEventData[T];
}

/** An endpoint as the admin page shows it: never its secret. */
export interface WebhookEndpointDto {
  id: string;
  url: string;
  description: string;
  events: WebhookEventType[];
  stuckDays: number | null;
  enabled: boolean;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

/** The answer to a creation or a rotation: the only time the secret is shown. */
export interface WebhookEndpointWithSecretDto {
  endpoint: WebhookEndpointDto;
  secret: string;
}

export interface WebhookDeliveryDto {
  id: string;
  endpointId: string;
  endpointUrl: string;
  eventType: WebhookEventType;
  eventId: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  lastAttemptAt: string | null;
  lastDurationMs: number | null;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  replayOf: string | null;
  createdAt: string;
}

export interface WebhookDeliveriesDto {
  deliveries: WebhookDeliveryDto[];
}
