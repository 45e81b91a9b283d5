import { deleteWorkOrder, getWorkOrderPage, replaceWorkOrder, updateWorkOrder } from '@/lib/server/dal/work-orders';
import { handler, routeMethods } from '@/lib/server/http/route';

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  /** GET /api/work-orders/{id} (viewer) → `WorkOrderPageDto` (work order + merged timeline). */
  GET: handler((route) => route.run(getWorkOrderPage)),
  /** PATCH /api/work-orders/{id} (supervisor) `WorkOrderPatchRequest` → `WorkOrderDto`. */
  PATCH: handler((route) => route.run(updateWorkOrder), { maxBodyBytes: 256 * 1024 }),
  /** PUT /api/work-orders/{id} (supervisor) `WorkOrderCreateRequest` → `WorkOrderDto`. */
  PUT: handler((route) => route.run(replaceWorkOrder), { maxBodyBytes: 256 * 1024 }),
  /** DELETE /api/work-orders/{id} (admin) → 204. */
  DELETE: handler((route) => route.run(deleteWorkOrder)),
});
