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
}
