import { operationContext } from '@/lib/server/dal/context';
import {
  deleteWorkOrder,
  getWorkOrderPage,
  replaceWorkOrder,
  updateWorkOrder,
} from '@/lib/server/dal/work-orders';
import { handler, methodNotAllowed } from '@/lib/server/http/route';

type Params = { id: string };

/** GET /api/work-orders/{id} (viewer) → `WorkOrderPageDto` (work order + merged timeline). */
export const GET = handler<Params>(async (ctx) => getWorkOrderPage(operationContext(ctx), ctx.params.id));

/** PATCH /api/work-orders/{id} (supervisor) `WorkOrderPatchRequest` → `WorkOrderDto`. */
export const PATCH = handler<Params>(
  async (ctx) => updateWorkOrder(operationContext(ctx), ctx.params.id, ctx.json),
  { maxBodyBytes: 256 * 1024 },
);

/** PUT /api/work-orders/{id} (supervisor) `WorkOrderCreateRequest` → `WorkOrderDto`. */
export const PUT = handler<Params>(
  async (ctx) => replaceWorkOrder(operationContext(ctx), ctx.params.id, ctx.json),
  { maxBodyBytes: 256 * 1024 },
);

/** DELETE /api/work-orders/{id} (admin) → 204. */
export const DELETE = handler<Params>(async (ctx) => {
  await deleteWorkOrder(operationContext(ctx), ctx.params.id);
});

// Every other method: 405 in our error shape, with `Allow` (T11).
const notAllowed = methodNotAllowed(['GET', 'PATCH', 'PUT', 'DELETE']);
export const POST = notAllowed;
