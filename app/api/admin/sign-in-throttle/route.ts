import { getSignInThrottle } from '@/lib/server/dal/sign-in-throttle';
import { handler, routeMethods } from '@/lib/server/http/route';

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  /** GET /api/admin/sign-in-throttle — throttled accounts and client addresses (admin only). */
  GET: handler((route) => route.run(getSignInThrottle)),
});
