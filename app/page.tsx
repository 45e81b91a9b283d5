import { redirect } from 'next/navigation';
import { landingPath } from '@/lib/server/dal/saved-views';
import { isAppError } from '@/lib/server/http/errors';
import { pageContext } from '@/lib/server/http/request-context';

/** The work-order list is home: the Review queue for a user with no saved view yet. */
export default async function HomePage() {
  let target = '/work-orders';
  try {
    target = await landingPath(await pageContext());
  } catch (error) {
    // Signed out: the list sends to sign-in itself.
    if (!isAppError(error) || error.code !== 'unauthenticated') throw error;
  }
  redirect(target);
}
