import type { AuditOutcomeFilter } from './audit-query';

/**
 * Every action code the app writes to the audit log, in the order the filter lists them.
 * A test reads the sources and fails when a code is written that is not here (it would have
 * no label and no entry in the filter).
 */
export const AUDIT_ACTIONS = [
  'authz_denied',
  'correction',
  'analysis',
  'analysis.requested',
  'work_order_reviewed',
  'work_order_reopened',
  'work_orders_bulk_reviewed',
  'work_orders_bulk_reopened',
  'work_order.create',
  'work_order.update',
  'work_order.replace',
  'work_order.delete',
  'metadata.update',
  'metadata.replace',
  'work_orders_exported',
  'evidence_pack_generated',
  'audit_log_exported',
  'saved_view_created',
  'saved_view_updated',
  'saved_view_deleted',
  'reason_code.create',
  'reason_code.update',
  'sign_in',
  'sign_out',
  'sign_in_throttle_cleared',
  'user_created',
  'user_updated',
  'user_role_changed',
  'user_disabled',
  'user_enabled',
  'user_password_reset',
  'user_teams_changed',
  'user_group_named',
  'oidc_group_mapping_changed',
  'index_sync_requested',
  'upstream_check_run',
  'webhook_endpoint_created',
  'webhook_endpoint_updated',
  'webhook_endpoint_deleted',
  'webhook_secret_rotated',
  'webhook_delivery_replayed',
  'spot_check_rate_changed',
  'spot_check_answered',
  'doubt_weights_changed',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export function isKnownAuditAction(code: string): code is AuditAction {
  return (AUDIT_ACTIONS as readonly string[]).includes(code);
}

/** The message key of an action's label (`audit.actions.<key>`): message keys cannot hold dots. */
export function auditActionKey(code: AuditAction): string {
  return code.replaceAll('.', '_');
}

/** One audit row as the audit page and API show it. */
export interface AuditEntryDto {
  id: string;
  /** Insertion order: the page's cursor. */
  seq: number;
  at: string;
  actorId: string | null;
  actorEmail: string | null;
  action: string;
  workOrderId: string | null;
  taskId: string | null;
  taskGroupName: string | null;
  taskName: string | null;
  before: unknown;
  after: unknown;
  reason: string | null;
  comment: string | null;
  outcome: AuditOutcomeFilter | null;
  requestId: string | null;
  details: unknown;
}

/** GET /api/admin/audit: one page, newest first. */
export interface AuditPageDto {
  rows: AuditEntryDto[];
  /** How many rows match the filters in all (every page). */
  total: number;
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: number | null;
  /** E-mails of the app's users, for the actor filter's suggestions. */
  actors: string[];
  /** The filters as read, in their canonical URL form (no cursor, no page size). */
  query: string;
}
