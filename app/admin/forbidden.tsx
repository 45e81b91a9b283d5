import { AccessDenied } from '@/components/auth/AccessDenied';
import { requireUser } from '@/lib/server/dal/authorize';

/** HTTP 403 for a signed-in user whose role is not admin (the page called `forbidden()`). */
export default async function AdminForbidden() {
  const user = await requireUser().catch(() => null);
  return <AccessDenied role={user?.role} />;
}
