import { clearAddressSignInThrottle } from '@/lib/server/dal/sign-in-throttle';
import { handler, routeMethods } from '@/lib/server/http/route';

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  /** DELETE /api/admin/sign-in-throttle/addresses/:address — forget its failed sign-ins (admin only). */
  DELETE: handler((route) => route.run(clearAddressSignInThrottle)),
});
