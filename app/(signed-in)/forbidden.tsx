import { AccessDenied } from '@/components/auth/AccessDenied';
import { requireUser } from '@/lib/server/dal/authorize';

/**
 * Shown with HTTP 403 when a page of the signed-in area calls `forbidden()` (the DAL refused
 * the role and wrote an `authz_denied` audit row). Says which role the user has.
 */
export default async function Forbidden() {
  const user = await requireUser().catch(() => null);
  return <AccessDenied role={user?.role} />;
}
