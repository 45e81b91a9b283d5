import type { Role } from './roles';

/**
 * Which work orders a user may see and act on. Each supervisor or viewer runs their own
 * region or subcontractor, and must not see another one's work: a work order is theirs when
 * its upstream user groups intersect the user's. A work order with no user group belongs to
 * nobody's team: only users granted "unassigned work orders" see it. Admins see everything.
 */
export type WorkOrderScope = { readonly all: true } | { readonly all: false; readonly groups: readonly string[]; readonly unassigned: boolean };

export const EVERY_WORK_ORDER: WorkOrderScope = Object.freeze({ all: true });

/** What decides a user's scope, as stored on the user. */
export interface ScopeSettings {
  role: Role;
  allWorkOrders: boolean;
  userGroupIds: readonly string[];
  unassignedWorkOrders: boolean;
}

export function scopeOf(settings: ScopeSettings): WorkOrderScope {
  if (settings.role === 'admin' || settings.allWorkOrders) return EVERY_WORK_ORDER;
  const groups = [...new Set(settings.userGroupIds)].sort();
  return Object.freeze({ all: false, groups, unassigned: settings.unassignedWorkOrders });
}

/** True when a work order with these user groups is within `scope`. */
export function inScope(scope: WorkOrderScope, userGroupIds: readonly string[] | null | undefined): boolean {
  if (scope.all) return true;
  const groups = userGroupIds ?? [];
  if (groups.length === 0) return scope.unassigned;
  return groups.some((group) => scope.groups.includes(group));
}

/**
 * A scope read back from somewhere untyped (the session object). Anything malformed is the
 * narrowest scope (nothing at all), never the widest.
 */
export function parseScope(value: unknown): WorkOrderScope {
  const candidate = value as Partial<{ all: unknown; groups: unknown; unassigned: unknown }> | null | undefined;
  if (candidate?.all === true) return EVERY_WORK_ORDER;
  const groups = Array.isArray(candidate?.groups) ? candidate.groups.filter((group): group is string => typeof group === 'string') : [];
  return Object.freeze({ all: false, groups, unassigned: candidate?.unassigned === true });
}

/**
 * The user groups a new work order created by a user of `scope` gets: the ones asked for, all
 * within the scope, or the scope's first group when none was asked for. Null when the request
 * names a group outside the scope, or when a scoped user with no group asks for none (the new
 * work order would be nobody's and, unless unassigned ones are visible, invisible to them).
 */
export function groupsForNewWorkOrder(scope: WorkOrderScope, asked: readonly string[] | undefined): readonly string[] | undefined | null {
  if (scope.all) return asked;
  if (asked && asked.length > 0) return asked.every((group) => scope.groups.includes(group)) ? asked : null;
  if (scope.groups.length > 0) return [scope.groups[0]];
  return scope.unassigned ? asked : null;
}

/**
 * A user group id as Field Review accepts it from an admin (a URL segment, a form): the site's
 * ids are UUIDs or short codes, never free text.
 */
export function isUserGroupId(value: unknown): value is string {
  return typeof value === 'string' && /^[\w.:@-]{1,128}$/.test(value);
}
