import { AccessDenied } from '@/components/auth/AccessDenied';
import { ClientMessages } from '@/components/layout/ClientMessages';
import { getSignedInUser } from '@/lib/server/dal/signed-in-user';
import { pageContext } from '@/lib/server/http/request-context';
import { PageReady } from '@/components/layout/PageReady';

/**
 * Shown with HTTP 403 when a page of the signed-in area calls `forbidden()` (the DAL refused
 * the role and wrote an `authz_denied` audit row). Says which role the user has.
 */
export default async function Forbidden() {
  const user = await getSignedInUser(await pageContext()).catch(() => null);
  return (
    <ClientMessages namespaces={['auth']}>
      <AccessDenied role={user?.role} />
      <PageReady />
    </ClientMessages>
  );
}
