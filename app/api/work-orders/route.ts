import { operationContext } from '@/lib/server/dal/context';
import { createWorkOrder } from '@/lib/server/dal/work-orders';
import { jsonResponse } from '@/lib/server/http/error-response';
import { handler } from '@/lib/server/http/route';

// GET (search) belongs to the search part; POST (create) to the DAL/BFF part.

/** POST /api/work-orders (supervisor) `WorkOrderCreateRequest` → 201 `WorkOrderDto`. */
export const POST = handler(
  async (ctx) => jsonResponse(await createWorkOrder(operationContext(ctx), ctx.json), { status: 201 }),
  { maxBodyBytes: 256 * 1024 },
);
