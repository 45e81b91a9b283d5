import { AppError } from '@/lib/server/http/errors';

/**
 * Identifier checks and upstream URL building, so that no id can walk the upstream URL to
 * another path or another host (path traversal, SSRF).
 *
 * An id reaches a URL only after it matched a strict allowlist pattern; the URL comes from
 * a fixed template ending in `/`; and the result is checked again: same origin as the base
 * and exactly the expected path under it. WHATWG URL parsing turns `%2e%2e`, `\` and `//host`
 * into traversals or host switches, so nothing else is trusted.
 */

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Real task-group names are not strictly lowercase slugs: `pm-ouvert-avant`, `PM-ferme-apres`.
const TASK_GROUP_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && value.length === 36 && UUID_PATTERN.test(value);
}

export function isTaskGroupName(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 128 && TASK_GROUP_NAME_PATTERN.test(value);
}

function parseUuid(value: unknown, field: string): string {
  if (!isUuid(value)) throw new AppError('invalid_id', { fields: { [field]: 'invalid_format' } });
  // Canonical form: the upstream's UUIDs are lowercase.
  return value.toLowerCase();
}

/** A work-order id (UUID), lowercased; anything else → `AppError('invalid_id')`. */
export function parseWorkOrderId(value: unknown): string {
  return parseUuid(value, 'id');
}

/** A task id (UUID), lowercased; anything else → `AppError('invalid_id')`. */
export function parseTaskId(value: unknown): string {
  return parseUuid(value, 'taskId');
}

/** A task-group name (case-sensitive slug); anything else → `AppError('invalid_id')`. */
export function parseTaskGroupName(value: unknown): string {
  if (!isTaskGroupName(value)) throw new AppError('invalid_id', { fields: { name: 'invalid_format' } });
  return value;
}

/** Every upstream path, as a fixed template: the template doubles as the log label. */
export const paths = {
  workOrders: () => ({ template: 'work-orders/', path: 'work-orders/' }),
  workOrder: (id: string) => ({ template: 'work-orders/{id}/', path: `work-orders/${segment(parseWorkOrderId(id))}/` }),
  metadata: (id: string) => ({
    template: 'work-orders/{id}/metadata/',
    path: `work-orders/${segment(parseWorkOrderId(id))}/metadata/`,
  }),
  timeline: (id: string) => ({
    template: 'work-orders/{id}/timeline/',
    path: `work-orders/${segment(parseWorkOrderId(id))}/timeline/`,
  }),
  analyze: (id: string) => ({
    template: 'work-orders/{id}/analyze/',
    path: `work-orders/${segment(parseWorkOrderId(id))}/analyze/`,
  }),
  analyzeCallback: (id: string) => ({
    template: 'work-orders/{id}/analyze/callback/',
    path: `work-orders/${segment(parseWorkOrderId(id))}/analyze/callback/`,
  }),
  correction: (id: string, taskId: string) => ({
    template: 'work-orders/{id}/tasks/{taskId}/correction/',
    path: `work-orders/${segment(parseWorkOrderId(id))}/tasks/${segment(parseTaskId(taskId))}/correction/`,
  }),
  taskGroups: () => ({ template: 'task-groups/', path: 'task-groups/' }),
  taskGroup: (name: string) => ({
    template: 'task-groups/{name}/',
    path: `task-groups/${segment(parseTaskGroupName(name))}/`,
  }),
  /**
   * The one path the API's documentation writes without the final slash (its general rule is
   * "end with a slash unless specified explicitly"). Sites may serve either form.
   */
  taskGroupSlashless: (name: string) => ({
    template: 'task-groups/{name}',
    path: `task-groups/${segment(parseTaskGroupName(name))}`,
    slashless: true as const,
  }),
} as const;

export interface UpstreamPath {
  template: string;
  path: string;
  /** Allowed to end without a slash (only paths the documentation writes that way). */
  slashless?: true;
}

function segment(value: string): string {
  // Validated values are already URL-safe; encoding is a second guard, not the first.
  return encodeURIComponent(value);
}

/**
 * Resolves a relative path against the base and proves the result stayed where it should:
 * same origin, and a pathname equal to the base path plus the relative path.
 */
export function buildUpstreamUrl(base: URL, relativePath: string, query?: URLSearchParams, slashless = false): URL {
  if (!base.pathname.endsWith('/') || (!slashless && !relativePath.endsWith('/')) || relativePath.startsWith('/')) {
    throw new AppError('invalid_id');
  }
  const url = new URL(relativePath, base);
  if (url.origin !== base.origin || url.pathname !== base.pathname + relativePath) {
    throw new AppError('invalid_id');
  }
  if (query && [...query.keys()].length > 0) url.search = query.toString();
  return url;
}
