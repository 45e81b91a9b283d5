/**
 * The three roles of Field Review, lowest first. The order matters: a role can do everything
 * the roles before it can (viewer reads; supervisor also corrects, reviews, analyzes, creates
 * and edits; admin also deletes and manages users).
 */
export const ROLES = ['viewer', 'supervisor', 'admin'] as const;

export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** True when `role` grants at least what `min` grants. Unknown roles grant nothing. */
export function roleAtLeast(role: Role | null | undefined, min: Role): boolean {
  if (!isRole(role)) return false;
  return ROLES.indexOf(role) >= ROLES.indexOf(min);
}
