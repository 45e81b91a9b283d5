import { AccessDenied } from '@/components/auth/AccessDenied';
import { ClientMessages } from '@/components/layout/ClientMessages';
import { getSignedInUser } from '@/lib/server/dal/signed-in-user';
import { pageContext } from '@/lib/server/http/request-context';
import { PageReady } from '@/components/layout/PageReady';

/** HTTP 403 for a signed-in user whose role is not admin (the page called `forbidden()`). */
export default async function AdminForbidden() {
  const user = await getSignedInUser(await pageContext()).catch(() => null);
  return (
    <ClientMessages namespaces={['auth']}>
      <AccessDenied role={user?.role} />
      <PageReady />
    </ClientMessages>
  );
}
