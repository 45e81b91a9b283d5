import { roleAtLeast, type Role } from '@/lib/shared/roles';

/** The sections of the app, in order; `minRole` hides a section from lower roles (UX only). */
export const NAV_SECTIONS = [
  {
    id: 'review',
    items: [
      { id: 'workOrders', href: '/work-orders', minRole: 'viewer' },
      { id: 'overview', href: '/overview', minRole: 'viewer' },
      { id: 'spotChecks', href: '/spot-checks', minRole: 'supervisor' },
    ],
  },
  {
    id: 'configuration',
    items: [
      { id: 'taskGroups', href: '/task-groups', minRole: 'viewer' },
      { id: 'admin', href: '/admin', minRole: 'admin' },
      { id: 'auditLog', href: '/admin/audit', minRole: 'admin' },
    ],
  },
] as const satisfies readonly { id: string; items: readonly { id: string; href: string; minRole: Role }[] }[];

export type NavSectionId = (typeof NAV_SECTIONS)[number]['id'];
export type NavItemId = (typeof NAV_SECTIONS)[number]['items'][number]['id'];

export function visibleSections(role: Role) {
  return NAV_SECTIONS.map((section) => ({
    id: section.id,
    items: section.items.filter((item) => roleAtLeast(role, item.minRole)),
  })).filter((section) => section.items.length > 0);
}

/** The item the path belongs to: `/work-orders/123` is under Work orders. */
export function isActive(pathname: string, href: string): boolean {
  return pathname === href || pathname.startsWith(`${href}/`);
}

/**
 * The one item to mark current among `hrefs`: the most specific that contains the path, so
 * `/admin/audit` is the Audit log, not also Admin.
 */
export function activeHref(pathname: string, hrefs: readonly string[]): string | null {
  return hrefs.filter((href) => isActive(pathname, href)).sort((a, b) => b.length - a.length)[0] ?? null;
}
