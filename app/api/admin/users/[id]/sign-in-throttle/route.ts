import { clearUserSignInThrottle } from '@/lib/server/dal/sign-in-throttle';
import { handler, routeMethods } from '@/lib/server/http/route';

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  /** DELETE /api/admin/users/:id/sign-in-throttle — forget the account's failed sign-ins (admin only). */
  DELETE: handler((route) => route.run(clearUserSignInThrottle)),
});
