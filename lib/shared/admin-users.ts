import type { Role } from './roles';

/**
 * What the admin page sees of a user, as `/api/admin/users` returns it: never the password
 * hash or OIDC subject.
 */
export interface AdminUser {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  status: 'active' | 'disabled';
  signIn: { password: boolean; sso: boolean };
  lastSignInAt: string | null;
  createdAt: string;
  /** The work orders the user sees (admins see every one whatever this says). */
  teams: UserTeams;
}

/**
 * A user's teams: every work order, or those of some user groups (the Deepomatic site's ids),
 * plus, or not, the work orders that have no user group.
 */
export interface UserTeams {
  allWorkOrders: boolean;
  userGroupIds: string[];
  unassignedWorkOrders: boolean;
}

/** The same teams, written once: user groups once each, sorted. */
export function normalizedTeams(teams: UserTeams): UserTeams {
  return {
    allWorkOrders: teams.allWorkOrders,
    userGroupIds: [...new Set(teams.userGroupIds)].sort(),
    unassignedWorkOrders: teams.unassignedWorkOrders,
  };
}

export function sameTeams(a: UserTeams, b: UserTeams): boolean {
  return JSON.stringify(normalizedTeams(a)) === JSON.stringify(normalizedTeams(b));
}
