import { updateReasonCode } from '@/lib/server/dal/reason-codes';
import { handler, routeMethods } from '@/lib/server/http/route';

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  /** PATCH /api/reason-codes/{code} (admin) `ReasonCodeUpdateRequest` → `ReasonCodeDto`. */
  PATCH: handler((route) => route.run(updateReasonCode), { maxBodyBytes: 8 * 1024 }),
});
