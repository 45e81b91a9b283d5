import { mergeWorkOrderMetadata, replaceWorkOrderMetadata } from '@/lib/server/dal/work-orders';
import { handler, routeMethods } from '@/lib/server/http/route';

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  /** PATCH /api/work-orders/{id}/metadata (supervisor): merge `{key: value}` → `WorkOrderDto`. */
  PATCH: handler((route) => route.run(mergeWorkOrderMetadata), { maxBodyBytes: 256 * 1024 }),
  /** PUT /api/work-orders/{id}/metadata (supervisor): replace the whole metadata → `WorkOrderDto`. */
  PUT: handler((route) => route.run(replaceWorkOrderMetadata), { maxBodyBytes: 256 * 1024 }),
});
